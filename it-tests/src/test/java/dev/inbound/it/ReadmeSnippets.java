package dev.inbound.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of the repository's README.md, so that tests run exactly what the
 * README shows. A block is named by an HTML comment on the line before it:
 *
 * <pre>{@code
 * <!-- run: docker-build -->
 * ```sh
 * docker build -t inbound/inbound docker/target/image
 * ```
 * }</pre>
 *
 * <p>{@code <!-- run: NAME -->} means a test runs the block, getting it with {@link #get};
 * {@code <!-- copy of: PATH -->} means the block's lines are in the file at PATH (relative to
 * the repository), in order, as a test compiles and runs them. {@code ReadmeSnippetsTest}
 * holds every block in README.md to one of the two.
 */
public final class ReadmeSnippets {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*(run|copy of):\\s*(\\S+)\\s*-->");

    /** One fenced block: what its marker says (or null without one), its language and its text. */
    public record Block(int line, String kind, String name, String language, String text) {
    }

    private ReadmeSnippets() {
    }

    /** The repository's top folder: the nearest folder up from here with README.md and pom.xml. */
    public static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("pom.xml"))
                && Files.exists(dir.resolve("it-tests")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The text of the block marked {@code <!-- run: name -->}, lines joined with \n, ending in \n. */
    public static String get(String name) {
        List<Block> found = blocks().stream().filter(b -> "run".equals(b.kind()) && name.equals(b.name())).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("README.md has " + found.size() + " blocks marked 'run: " + name + "'");
        }
        return found.get(0).text();
    }

    /** Every fenced block of README.md, in order. */
    public static List<Block> blocks() {
        List<String> lines;
        try {
            lines = Files.readAllLines(repository().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                continue;
            }
            String language = line.substring(3).trim();
            String kind = null;
            String name = null;
            if (i > 0) {
                Matcher marker = MARKER.matcher(lines.get(i - 1).trim());
                if (marker.matches()) {
                    kind = marker.group(1);
                    name = marker.group(2);
                }
            }
            StringBuilder text = new StringBuilder();
            int start = i + 1;
            for (i = start; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            blocks.add(new Block(start, kind, name, language, text.toString()));
        }
        return blocks;
    }
}

package dev.inbound.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.it.ReadmeSnippets.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every code block in README.md is one that a test runs or a copy of a file the tests use, so
 * that no snippet in it can rot: each block has a marker, each {@code run:} name is unique and
 * asked for by a test, and each {@code copy of:} block is in its file. Failures name the line
 * of README.md.
 */
class ReadmeSnippetsTest {
    /** How tests ask for a block; the name must be a string literal, so that it can be found here. */
    private static final Pattern GET = Pattern.compile("ReadmeSnippets\\.get\\(\"([^\"]+)\"\\)");

    private final List<Block> blocks = ReadmeSnippets.blocks();

    @Test
    void everyBlockIsMarkedRunOrCopyOf() {
        assertThat(blocks).as("README.md has code blocks").isNotEmpty();
        List<String> unmarked = blocks.stream().filter(block -> block.kind() == null)
                .map(block -> where(block) + " has no <!-- run: NAME --> or <!-- copy of: PATH --> line before it")
                .toList();
        assertThat(unmarked).isEmpty();
    }

    @Test
    void everyRunNameIsUniqueAndAskedForByATest() {
        Set<String> asked = namesAskedForByTests();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Block block : blocks) {
            if (!"run".equals(block.kind())) {
                continue;
            }
            if (!seen.add(block.name())) {
                problems.add(where(block) + ": 'run: " + block.name() + "' names another block too");
            }
            if (!asked.contains(block.name())) {
                problems.add(where(block) + ": no test calls ReadmeSnippets.get(\"" + block.name() + "\")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCopyIsInItsFileLineForLine() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            if (!"copy of".equals(block.kind())) {
                continue;
            }
            Path file = ReadmeSnippets.repository().resolve(block.name());
            if (!Files.isRegularFile(file)) {
                problems.add(where(block) + ": 'copy of: " + block.name() + "' is not a file of the repository");
            } else if (Collections.indexOfSubList(nonBlankTrimmed(Files.readAllLines(file)),
                    nonBlankTrimmed(block.text().lines().toList())) < 0) {
                problems.add(where(block) + ": its lines are not in " + block.name()
                        + " (trimmed, blank lines aside, one after the other)");
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * The one block no test can run: {@code .ci/run} installs packages and runs the whole build,
     * this test among it. It is held to being that script, ending in the README's test command.
     */
    @Test
    void theCiBlockRunsTheScriptThatEndsInTheReadmesTestCommand() throws IOException {
        assertThat(ReadmeSnippets.get("ci")).isEqualTo(".ci/run\n");
        Path script = ReadmeSnippets.repository().resolve(".ci/run");
        assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        List<String> commands = nonBlankTrimmed(Files.readAllLines(script)).stream()
                .filter(line -> !line.startsWith("#")).toList();
        assertThat(commands.get(commands.size() - 1)).isEqualTo("./mvnw -B verify");
    }

    private static String where(Block block) {
        return "README.md:" + block.line() + " (```" + block.language() + ")";
    }

    private static List<String> nonBlankTrimmed(List<String> lines) {
        return lines.stream().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    /** The names in {@code ReadmeSnippets.get("NAME")} anywhere in the repository's test sources. */
    private static Set<String> namesAskedForByTests() {
        Set<String> names = new HashSet<>();
        for (Path file : TestSources.all()) {
            Matcher get = GET.matcher(TestSources.read(file));
            while (get.find()) {
                names.add(get.group(1));
            }
        }
        return names;
    }
}

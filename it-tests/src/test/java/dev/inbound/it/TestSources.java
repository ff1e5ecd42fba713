package dev.inbound.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Java test sources of the whole repository ({@code **}{@code /src/test/**}{@code /*.java}), for tests about the tests. */
final class TestSources {
    private TestSources() {
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.walk(ReadmeSnippets.repository())) {
            return files.filter(file -> {
                String path = file.toString().replace('\\', '/');
                return path.endsWith(".java") && path.contains("/src/test/") && !path.contains("/target/");
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.inbound.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No test in the repository can skip itself: a test whose engine, tool or service is missing
 * must fail, so that a CI run cannot pass with the Docker, Postfix or broker tests silently
 * left out. Catches the ways JUnit and Testcontainers offer to skip.
 */
class NoSkippedTestsTest {
    /** Testcontainers' disabledWithoutDocker, JUnit's assumptions and conditional or disabled tests. */
    private static final Pattern SKIPPING = Pattern.compile(
            "disabledWithoutDocker|\\bassume(True|False|That)\\b|\\bAssumptions\\b|@Disabled\\b|@(Enabled|Disabled)(If|On)\\w*");

    @Test
    void noTestSourceSkipsItself() {
        List<Path> sources = TestSources.all().stream()
                .filter(file -> !file.getFileName().toString().equals("NoSkippedTestsTest.java"))
                .toList();
        // With no sources to read (a wrong root or filter) the check below would pass without looking.
        assertThat(sources).as("test sources under %s", ReadmeSnippets.repository()).isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path file : sources) {
            List<String> lines = TestSources.read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (SKIPPING.matcher(lines.get(i)).find()) {
                    found.add(ReadmeSnippets.repository().relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(found).as("tests that could skip themselves instead of failing").isEmpty();
    }
}

package dev.inbound.it.readme;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line from a README block, as a program to start: its {@code NAME=value} prefixes as
 * the environment, its words as the command, with the jar under test where the README says
 * {@code dist/target/inbound.jar} or {@code inbound}. Where a block builds first
 * ({@code ./mvnw ... package && java ...}, or a line of its own), only the last command is
 * taken: the build that runs the test has done the rest. The README's commands need no quoting,
 * so words are split at white space.
 */
record ReadmeCommand(Map<String, String> environment, List<String> words) {
    static final String README_JAR = "dist/target/inbound.jar";

    static ReadmeCommand parse(String block, Path jar) {
        String joined = block.replace("\\\n", " ");
        List<String> lines = joined.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
        String last = lines.get(lines.size() - 1);
        int and = last.lastIndexOf("&&");
        String command = (and < 0 ? last : last.substring(and + 2)).trim();
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (String word : command.split("\\s+")) {
            int equals = word.indexOf('=');
            if (words.isEmpty() && equals > 0 && word.substring(0, equals).matches("[A-Z_][A-Z0-9_]*")) {
                environment.put(word.substring(0, equals), word.substring(equals + 1));
            } else if (words.isEmpty() && word.equals("inbound")) {
                words.addAll(List.of(java(), "-jar", jar.toString()));
            } else if (words.isEmpty() && word.equals("java")) {
                words.add(java());
            } else {
                words.add(word.equals(README_JAR) ? jar.toString() : word);
            }
        }
        return new ReadmeCommand(environment, words);
    }

    /** The JDK running the tests, rather than whatever {@code java} is first on PATH. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.inbound.maildir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script of the test resources ({@code /maildir/*.py}) with python3 and returns its output; fails on any error. */
final class PythonRunner {
    private PythonRunner() {
    }

    static String run(String script, byte[] stdin, String... args) throws IOException, InterruptedException {
        URL url = PythonRunner.class.getResource("/maildir/" + script);
        if (url == null) {
            throw new AssertionError("No test resource /maildir/" + script);
        }
        List<String> command = new ArrayList<>();
        command.add("python3");
        try {
            command.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
        command.addAll(List.of(args));
        File in = File.createTempFile("python-", ".in");
        File out = File.createTempFile("python-", ".out");
        File err = File.createTempFile("python-", ".err");
        try {
            Files.write(in.toPath(), stdin);
            Process process = new ProcessBuilder(command).redirectInput(in).redirectOutput(out).redirectError(err).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("python3 " + script + " timed out");
            }
            String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("python3 " + script + " exited " + process.exitValue() + "\n" + stdout + "\n"
                        + Files.readString(err.toPath(), StandardCharsets.UTF_8));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(in.toPath());
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}

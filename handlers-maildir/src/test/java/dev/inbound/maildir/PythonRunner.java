package dev.inbound.maildir;

import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        ProcessRunner.Result result = ProcessRunner.run(command, stdin, ProcessRunner.TIMEOUT);
        if (result.exitCode() != 0) {
            throw new AssertionError("python3 " + script + " " + result.describe());
        }
        return result.stdout();
    }
}

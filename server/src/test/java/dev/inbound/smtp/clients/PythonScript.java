package dev.inbound.smtp.clients;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Python client script from the test resources ({@code /clients/*.py}), run with {@code python3}. */
final class PythonScript {
    private PythonScript() {
    }

    /** Runs {@code python3 <script> 127.0.0.1 <port> <args...>}. */
    static ProcessRunner.Result run(String name, int port, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", path(name).toString(), "127.0.0.1",
                Integer.toString(port)));
        command.addAll(List.of(args));
        return ProcessRunner.run(command);
    }

    private static Path path(String name) {
        URL url = PythonScript.class.getResource("/clients/" + name);
        if (url == null) {
            throw new AssertionError("No test resource /clients/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}

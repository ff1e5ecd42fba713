package dev.inbound.maildir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inbound} command in a JVM of its own, with the maildir handler found on the test
 * class path, as a user runs it: so that a test can kill it with SIGKILL.
 */
final class InboundProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) .*");

    private final Process process;
    private final int port;

    private InboundProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code inbound --handler maildir --handler-option <options>} on a free loopback port. */
    static InboundProcess start(String handlerOptions, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.inbound.cli.InboundCommand", "--listen", "127.0.0.1:0", "--hostname", "inbound.test",
                "--handler", "maildir", "--handler-option", handlerOptions));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = STARTED.matcher(line);
            if (m.matches()) {
                return new InboundProcess(process, Integer.parseInt(m.group(1)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("inbound ended without listening; see " + log);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** SIGKILL, as a crash or the OOM killer ends a process: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("inbound did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

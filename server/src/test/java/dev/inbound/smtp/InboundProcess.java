package dev.inbound.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inbound} command in a JVM of its own, on a free port of 127.0.0.1, with the test
 * class path (so the handler modules under test are found): for tests that limit its heap or
 * kill it as a crash would. Its log goes to a file; what it prints is read until it listens,
 * then drained so it never blocks on a full pipe.
 */
public final class InboundProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) .*");

    private final Process process;
    private final int port;

    private InboundProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code inbound --listen 127.0.0.1:0 <args>} in a JVM with {@code jvmOptions}; its stderr goes to {@code log}. */
    public static InboundProcess start(List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.inbound.cli.InboundCommand",
                "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.matches()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(Writer.nullWriter());
                    } catch (IOException ended) {
                        // the process is gone
                    }
                }, "inbound-stdout");
                drain.setDaemon(true);
                drain.start();
                return new InboundProcess(process, Integer.parseInt(listening.group(1)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("inbound ended before listening; see " + log);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer ends a process: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("inbound did not die");
        }
    }

    /** Stops it as SIGTERM does, and kills it if it takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}

package dev.inbound.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inbound} command in a JVM of its own: with the test class path (so the handler
 * modules under test are found), as the shaded jar users run, or as any command line that ends
 * in one of those (a README line). For tests that limit its heap, kill it as a crash would, or
 * stop it with SIGTERM. Its log goes to a file; what it prints is read until it listens, then
 * kept (see {@link #printed()}) so it never blocks on a full pipe.
 */
public final class InboundProcess implements AutoCloseable {
    /** The line it prints once clients can connect; the first listener's host and port. */
    private static final Pattern LISTENING = Pattern.compile("Inbound \\S+ listening (?:for \\S+ )?on (\\S+):(\\d+)\\b.*");

    private final Process process;
    private final String listening;
    private final int port;
    private final List<String> printed = new CopyOnWriteArrayList<>();

    private InboundProcess(Process process, String listening, int port) {
        this.process = process;
        this.listening = listening;
        this.port = port;
    }

    /** Starts {@code inbound --listen 127.0.0.1:0 <args>} in a JVM with {@code jvmOptions}; its stderr goes to {@code log}. */
    public static InboundProcess start(List<String> jvmOptions, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.inbound.cli.InboundCommand",
                "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        return run(command, log);
    }

    /** Starts {@code java -jar <jar> --listen 127.0.0.1:0 <args>}, the shaded jar as users run it; stderr goes to {@code log}. */
    public static InboundProcess startJar(Path jar, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString(), "--listen", "127.0.0.1:0"));
        command.addAll(List.of(args));
        return run(command, log);
    }

    /** Runs {@code command}, which must start the server, and returns once it listens; stderr goes to {@code log}. */
    public static InboundProcess run(List<String> command, Path log) throws IOException {
        return run(command, Map.of(), log);
    }

    /** As {@link #run(List, Path)}, with {@code environment} added to this JVM's. */
    public static InboundProcess run(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.matches()) {
                InboundProcess inbound = new InboundProcess(process, line, Integer.parseInt(listening.group(2)));
                inbound.keepPrinting(out);
                return inbound;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("inbound ended before listening: " + command + "; see " + log);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void keepPrinting(BufferedReader out) {
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    printed.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "inbound-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** The port of the first listener, as the "listening on" line names it. */
    public int port() {
        return port;
    }

    /** The line printed when it started listening, e.g. {@code Inbound 0.1.0 listening on localhost:8025 with handler console}. */
    public String listening() {
        return listening;
    }

    /** The lines it printed on standard output after {@link #listening()}, so far. */
    public List<String> printed() {
        return List.copyOf(printed);
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

    /** Sends SIGTERM, as {@code kill}, systemd and {@code docker stop} do; returns at once. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Waits up to {@code bound} for the process to end and returns its exit code; after SIGTERM
     * a JVM whose shutdown hooks have run exits with 143 (128 + 15). Fails, after killing it,
     * if it is still running then.
     */
    public int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("inbound still ran after " + bound);
        }
        return process.exitValue();
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

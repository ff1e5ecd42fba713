package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inbound} command running in the test's JVM with {@code --http} and SMTP on free
 * ports of 127.0.0.1, until closed; and {@code inbound health} run the same way.
 *
 * <pre>{@code
 * try (RunningInbound inbound = RunningInbound.start("--handler", "sink")) {
 *     HttpResponse<String> ready = http.send(HttpRequest.newBuilder(inbound.http("/readyz")).build(), ofString());
 * }
 * }</pre>
 */
public final class RunningInbound implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile(
            "Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) with handler \\S+, HTTP API on 127\\.0\\.0\\.1:(\\d+)");

    private final InboundCommand command;
    private final CompletableFuture<Integer> exit;
    public final int smtpPort;
    public final int httpPort;

    private RunningInbound(InboundCommand command, CompletableFuture<Integer> exit, int smtpPort, int httpPort) {
        this.command = command;
        this.exit = exit;
        this.smtpPort = smtpPort;
        this.httpPort = httpPort;
    }

    /** Runs the command with {@code options} after {@code --listen} and {@code --http}; returns once it listens. */
    public static RunningInbound start(String... options) throws Exception {
        PipedInputStream printed = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(printed), true, StandardCharsets.UTF_8);
        InboundCommand command = new InboundCommand(Map.of(), out, System.err);
        List<String> args = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--http", "127.0.0.1:0"));
        args.addAll(List.of(options));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> command.execute(args.toArray(String[]::new)));
        BufferedReader lines = new BufferedReader(new InputStreamReader(printed, StandardCharsets.UTF_8));
        String started = CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(20, TimeUnit.SECONDS);
        Matcher ports = STARTED.matcher(String.valueOf(started));
        assertThat(ports.matches()).as("started: %s", started).isTrue();
        return new RunningInbound(command, exit, Integer.parseInt(ports.group(1)), Integer.parseInt(ports.group(2)));
    }

    /** {@code path} on the HTTP API. */
    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Runs {@code inbound health} with {@code args} in {@code environment}; returns its exit code, its errors in {@code err}. */
    public static int health(Map<String, String> environment, ByteArrayOutputStream err, String... args) {
        List<String> command = new ArrayList<>(List.of("health"));
        command.addAll(List.of(args));
        return new InboundCommand(environment, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(command.toArray(String[]::new));
    }

    /** As above, the errors dropped. */
    public static int health(Map<String, String> environment, String... args) {
        return health(environment, new ByteArrayOutputStream(), args);
    }

    /** Stops the command, which must exit 0. */
    @Override
    public void close() throws Exception {
        command.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }
}

package dev.inbound.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@link RunningCommand} with SMTP and {@code --http} on free ports of 127.0.0.1, for tests
 * of the probes and metrics; and {@code inbound health} run in the test's JVM.
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

    private final RunningCommand command;
    public final int smtpPort;
    public final int httpPort;

    private RunningInbound(RunningCommand command) {
        this.command = command;
        this.smtpPort = command.port(1);
        this.httpPort = command.port(2);
    }

    /** Runs the command with {@code options} after {@code --listen} and {@code --http}; returns once it listens. */
    public static RunningInbound start(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--http", "127.0.0.1:0"));
        args.addAll(List.of(options));
        return new RunningInbound(RunningCommand.start(Map.of(), STARTED, args.toArray(String[]::new)));
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
        command.close();
    }
}

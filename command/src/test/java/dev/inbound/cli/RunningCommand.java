package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inbound} command running in this JVM, for tests: started with arguments, its
 * "listening" line matched against a pattern whose groups are the ports.
 *
 * <pre>{@code
 * try (RunningCommand inbound = RunningCommand.start(Map.of(), STARTED, "--listen", "127.0.0.1:0")) {
 *     int port = inbound.port(1);
 * }
 * }</pre>
 */
public final class RunningCommand implements AutoCloseable {
    private final InboundCommand command;
    private final CompletableFuture<Integer> exit;
    private final Matcher started;
    private final Lines out;

    private RunningCommand(InboundCommand command, CompletableFuture<Integer> exit, Matcher started, Lines out) {
        this.command = command;
        this.exit = exit;
        this.started = started;
        this.out = out;
    }

    /** Runs the command with {@code environment} and {@code args}; fails unless its first line matches {@code started}. */
    public static RunningCommand start(Map<String, String> environment, Pattern started, String... args)
            throws InterruptedException {
        Lines out = new Lines();
        InboundCommand command = new InboundCommand(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> command.execute(args));
        String line = out.lines.poll(20, TimeUnit.SECONDS);
        Matcher matcher = started.matcher(String.valueOf(line));
        if (!matcher.matches()) {
            command.stop();
            throw new AssertionError("Expected a line matching " + started + ", got " + line);
        }
        return new RunningCommand(command, exit, matcher, out);
    }

    /** The port in group {@code group} of the "listening" line. */
    public int port(int group) {
        return Integer.parseInt(started.group(group));
    }

    /** What the command printed after its "listening" line: nothing, for a command that ran and stopped well. */
    public Queue<String> laterLines() {
        return out.lines;
    }

    /** Stops the command as SIGTERM would and checks it exits with 0. */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        command.stop();
        try {
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while the command stopped", e);
        }
    }

    /** What the command prints, line by line. */
    private static final class Lines extends OutputStream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8).stripTrailing());
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}

package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code inbound health} against a real server, and against ports where no healthy server answers. */
class HealthCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ExecutorService fakes = Executors.newCachedThreadPool();

    @AfterEach
    void stopFakes() {
        fakes.shutdownNow();
    }

    private int health(Map<String, String> environment, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "health";
        System.arraycopy(args, 0, command, 1, args.length);
        return new InboundCommand(environment, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(command);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunningServerIsHealthyOnItsSmtpAndLmtpPorts() throws IOException {
        try (TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0))) {
            assertThat(health(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(server.port()))).as(error()).isZero();
            assertThat(health(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(server.lmtpPort()), "--lmtp"))
                    .as(error()).isZero();
            // LHLO is refused by an SMTP listener: a check of the wrong protocol fails.
            assertThat(health(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--lmtp")).isOne();
            assertThat(error()).contains("expected 250 to LHLO inbound-health, got: 5");
        }
    }

    @Test
    void withoutOptionsItChecksWhereTheEnvironmentSaysTheServerListensWildcardMeaningLoopback() throws IOException {
        try (TestServer server = new TestServer(b -> b.bind("0.0.0.0").lmtp("0.0.0.0", 0))) {
            assertThat(health(Map.of("INBOUND_LISTEN", "0.0.0.0:" + server.port()))).as(error()).isZero();
            assertThat(health(Map.of("INBOUND_LMTP", ":" + server.server.port(Listener.Kind.LMTP)), "--lmtp"))
                    .as(error()).isZero();
        }
    }

    @Test
    void aClosedPortIsUnhealthy() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(health(Map.of("INBOUND_LISTEN", "127.0.0.1:" + closed))).isOne();
        assertThat(error()).startsWith("inbound health: 127.0.0.1:" + closed + ": ").contains("refused");
        assertThat(error().lines()).hasSize(1);
    }

    @Test
    void aServerGreetingWith421IsUnhealthy() throws IOException {
        try (ServerSocket fake = fakeServer(out -> write(out, "421 4.3.2 busy, try later\r\n"))) {
            assertThat(health(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(fake.getLocalPort()))).isOne();
            assertThat(error()).contains("expected 220 to greeting, got: 421 4.3.2 busy");
        }
    }

    @Test
    void aServerThatNeverGreetsIsUnhealthyWithinTheTimeout() throws IOException {
        try (ServerSocket silent = fakeServer(out -> { })) {
            long start = System.nanoTime();
            assertThat(health(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(silent.getLocalPort()),
                    "--timeout", "1")).isOne();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
            assertThat(error()).contains("no answer within 1 s");
        }
    }

    /** A listener that accepts connections, writes what {@code greeting} writes, and holds them open. */
    private ServerSocket fakeServer(Consumer<OutputStream> greeting) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        fakes.submit(() -> {
            while (!server.isClosed()) {
                Socket client = server.accept();
                greeting.accept(client.getOutputStream());
            }
            return null;
        });
        return server;
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

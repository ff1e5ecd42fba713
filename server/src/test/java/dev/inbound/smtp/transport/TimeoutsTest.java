package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Deadlines: idle, per command, the DATA phase and the minimum data rate, each ending in 421 4.4.2. */
class TimeoutsTest {

    @Test
    void idleClientGets421AndIsClosed() throws Exception {
        try (TestServer server = new TestServer(b -> b.idleTimeout(Duration.ofMillis(500)));
                SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.reply()).isEqualTo("421 4.4.2 Error: timeout exceeded, closing connection");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aCommandTrickledByteByByteStillHasOneDeadline() throws Exception {
        try (TestServer server = new TestServer(b -> b.idleTimeout(Duration.ofMillis(800)));
                SmtpTestClient client = server.client()) {
            client.greet();
            long start = System.nanoTime();
            // One byte every 100 ms never completes a line: the deadline counts from the last command.
            String reply = trickleUntilReply(client, "x");
            assertThat(reply).startsWith("421 4.4.2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void dataSentBelowTheMinimumRateGets421() throws Exception {
        try (TestServer server = new TestServer(b -> b.idleTimeout(Duration.ofMillis(500)).minDataRate(1000));
                SmtpTestClient client = server.client()) {
            client.greet();
            client.startData();
            String reply = trickleUntilReply(client, "ab"); // 20 bytes per second, far below 1000
            assertThat(reply).isEqualTo("421 4.4.2 Error: data arriving too slowly, closing connection");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @Test
    void wholeDataPhaseHasItsOwnTimeout() throws Exception {
        try (TestServer server = new TestServer(b -> b.idleTimeout(Duration.ofSeconds(30)).minDataRate(0)
                .dataTimeout(Duration.ofMillis(700))); SmtpTestClient client = server.client()) {
            client.greet();
            client.startData();
            client.sendRaw("Subject: slow\r\n");
            assertThat(client.reply()).isEqualTo("421 4.4.2 Error: timeout exceeded, closing connection");
        }
    }

    /** Sends {@code piece} every 100 ms, as a slow client does, until a reply comes; at most 4 s. */
    private static String trickleUntilReply(SmtpTestClient client, String piece) throws Exception {
        for (int i = 0; i < 40; i++) {
            client.sendRaw(piece);
            Thread.sleep(100);
            client.setTimeout(1);
            try {
                return client.reply();
            } catch (SocketTimeoutException stillWaiting) {
                // keep trickling
            } finally {
                client.setTimeout(10_000);
            }
        }
        return null;
    }

    @Test
    void underOverloadTheIdleTimeoutDropsToTenSeconds() throws Exception {
        ScheduledExecutorService busyClients = Executors.newSingleThreadScheduledExecutor();
        try (TestServer server = new TestServer(b -> b.maxConnections(5).idleTimeout(Duration.ofSeconds(60)));
                SmtpTestClient idle = server.client(); SmtpTestClient one = server.client();
                SmtpTestClient two = server.client(); SmtpTestClient three = server.client()) {
            idle.greet();
            for (SmtpTestClient busy : List.of(one, two, three)) {
                busy.greet();
                // Three clients keep talking, so the server stays at 80 % of its connections.
                busyClients.scheduleAtFixedRate(() -> {
                    try {
                        busy.command("NOOP");
                    } catch (IOException closed) {
                        // the test is over
                    }
                }, 1, 1, TimeUnit.SECONDS);
            }
            idle.setTimeout(20_000);
            long start = System.nanoTime();
            assertThat(idle.reply()).startsWith("421 4.4.2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
        } finally {
            busyClients.shutdownNow();
        }
    }

    @Test
    void silenceInsideDataEndsTheSessionAfterTheIdleTimeout() throws Exception {
        try (TestServer server = new TestServer(b -> b.idleTimeout(Duration.ofMillis(500)).minDataRate(500)
                .dataTimeout(Duration.ofSeconds(60))); SmtpTestClient client = server.client()) {
            client.greet();
            client.startData();
            client.sendRaw(("z".repeat(998) + "\r\n").repeat(1000)); // a burst that "earns" 2000 s at 500 B/s
            long start = System.nanoTime();
            assertThat(client.reply()).isEqualTo("421 4.4.2 Error: timeout exceeded, closing connection");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSlowHandlerIsNotTheClientsDelay() throws Exception {
        Handler slow = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) throws InterruptedException {
                Thread.sleep(1500);
                return null;
            }
        };
        try (TestServer server = new TestServer(b -> b.idleTimeout(Duration.ofMillis(400)), slow);
                SmtpTestClient client = server.client()) {
            client.greet();
            client.startData();
            assertThat(client.endData("Subject: slow\r\n\r\nx\r\n")).startsWith("250 2.0.0");
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }
}

package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.net.SocketTimeoutException;
import java.time.Duration;
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
        try (TestServer server = new TestServer(b -> b.maxConnections(5).idleTimeout(Duration.ofSeconds(60)));
                SmtpTestClient first = server.client(); SmtpTestClient second = server.client();
                SmtpTestClient third = server.client(); SmtpTestClient fourth = server.client()) {
            first.greet();
            second.reply();
            third.reply();
            fourth.reply();
            first.setTimeout(20_000);
            long start = System.nanoTime();
            assertThat(first.reply()).startsWith("421 4.4.2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
        }
    }
}

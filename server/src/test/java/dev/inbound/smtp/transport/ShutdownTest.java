package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.time.Duration;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** stop() is graceful: idle and new sessions get 421, a message in DATA may finish first. */
class ShutdownTest {

    @Test
    void stopLetsAMessageInTransferFinishAndTurnsOthersAway() throws Exception {
        TestServer server = new TestServer(b -> b.shutdownGrace(Duration.ofSeconds(10)));
        try (SmtpTestClient idle = server.client(); SmtpTestClient sending = server.client()) {
            idle.greet();
            sending.greet();
            sending.command("MAIL FROM:<a@example.com>");
            sending.command("RCPT TO:<b@example.com>");
            assertThat(sending.command("DATA")).startsWith("354");
            sending.sendRaw("Subject: in flight\r\n\r\npart one\r\n");

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
            assertThat(idle.reply()).isEqualTo("421 4.3.2 Service shutting down, closing connection");
            assertThat(idle.closedByServer()).isTrue();

            try (SmtpTestClient late = server.client()) {
                assertThat(late.reply()).isEqualTo("421 4.3.2 Service shutting down, closing connection");
            }
            assertThat(stopped).isNotDone();

            sending.sendRaw("part two\r\n.\r\n");
            assertThat(sending.reply()).startsWith("250 2.0.0 OK");
            assertThat(sending.reply()).startsWith("421 4.3.2");
            stopped.get(10, TimeUnit.SECONDS);
            assertThat(server.collector.messages()).hasSize(1);
            assertThat(server.collector.messages().get(0).text()).endsWith("part one\r\npart two\r\n");
        }
    }

    @Test
    void stopDoesNotWaitLongerThanTheGrace() throws Exception {
        TestServer server = new TestServer(b -> b.shutdownGrace(Duration.ofMillis(300)));
        try (SmtpTestClient sending = server.client()) {
            sending.greet();
            sending.startData();
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(sending.closedByServer()).isTrue();
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @Test
    void aMessageTheHandlerIsStillDeliveringGetsItsAnswerBeforeThe421() throws Exception {
        CountDownLatch delivering = new CountDownLatch(1);
        Handler slow = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) throws InterruptedException {
                delivering.countDown();
                Thread.sleep(1000);
                return null;
            }
        };
        TestServer server = new TestServer(b -> b.shutdownGrace(Duration.ofSeconds(10)), slow);
        try (SmtpTestClient client = server.client()) {
            client.greet();
            client.startData();
            client.sendRaw("Subject: slow\r\n\r\nx\r\n.\r\n");
            assertThat(delivering.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
            assertThat(client.reply()).startsWith("250 2.0.0 OK");
            assertThat(client.reply()).startsWith("421 4.3.2");
            stopped.get(10, TimeUnit.SECONDS);
        }
    }
}

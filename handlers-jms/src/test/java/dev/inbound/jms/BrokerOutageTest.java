package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops in the middle of a run of eight clients and starts again: meanwhile clients
 * get 4xx, the handler reconnects by itself, and every message that got a 250 is on the queue.
 */
class BrokerOutageTest {
    private static final int CLIENTS = 8;

    @TempDir
    Path dir;

    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);

    @Test
    void everyMessageAnswered250IsOnTheQueueAfterTheBrokerRestarts() throws Exception {
        ch.qos.logback.classic.Logger healthLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(BrokerHealth.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        healthLog.addAppender(logged);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir);
                JmsHandler jms = new JmsHandler(JmsSettings.builder(broker.connectionFactory())
                        .destination(DestinationName.queue("outage")).timeout(Duration.ofSeconds(5))
                        .retryInterval(Duration.ofMillis(500)).build());
                TestServer server = new TestServer(b -> b, jms)) {
            ClientThreads clients = ClientThreads.start(CLIENTS, n -> sendUntilStopped(server.port(), n));

            waitFor("200 messages accepted", () -> accepted.size() >= 200 || clients.anyEnded());
            broker.stop();
            int beforeRestart = accepted.size();
            waitFor("20 refusals while the broker is down", () -> refused.get() >= 20 || clients.anyEnded());
            broker.start();
            waitFor("200 more messages accepted after the restart",
                    () -> accepted.size() >= beforeRestart + 200 || clients.anyEnded());
            running.set(false);
            clients.await(60);

            Set<String> onQueue = ReceivedMail.drain(broker.connectionFactory(), "outage", accepted.size(), 10_000)
                    .stream().map(m -> (String) m.properties().get("MailMessageId")).collect(Collectors.toSet());
            assertThat(refused.get()).isGreaterThanOrEqualTo(20);
            assertThat(onQueue).containsAll(accepted);
            // One WARN per outage, not per refusal. A delivery that fails just after the restart
            // (the broker still settling, a loaded machine) can begin a second, short outage.
            assertThat(logged.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .as("a WARN per outage, not per refused message").hasSizeBetween(1, 3);
        } finally {
            healthLog.detachAppender(logged);
        }
    }

    /**
     * Sends numbered messages until told to stop; every reply must be 250 or 4xx. After its
     * error limit the server closes a session with 421, as Postfix does; the client then
     * connects again.
     */
    private void sendUntilStopped(int port, int client) throws Exception {
        int i = 0;
        while (running.get()) {
            try (SmtpTestClient smtp = new SmtpTestClient(port).greet()) {
                for (; running.get(); i++) {
                    String id = "<" + client + "." + i + "@outage.test>";
                    String mail = smtp.command("MAIL FROM:<c" + client + "@example.org>");
                    if (!mail.startsWith("250")) {
                        assertThat(mail).startsWith("4");
                        refused.incrementAndGet();
                        if (mail.startsWith("421")) {
                            break;
                        }
                        continue;
                    }
                    assertThat(smtp.command("RCPT TO:<q@example.com>")).startsWith("250");
                    assertThat(smtp.command("DATA")).startsWith("354");
                    String reply = smtp.endData("Message-ID: " + id + "\r\nSubject: " + i + "\r\n\r\nbody " + i + "\r\n");
                    if (reply.startsWith("250")) {
                        accepted.add(id);
                    } else {
                        assertThat(reply).startsWith("4");
                        refused.incrementAndGet();
                        if (reply.contains("421")) {
                            i++;
                            break;
                        }
                    }
                }
            }
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

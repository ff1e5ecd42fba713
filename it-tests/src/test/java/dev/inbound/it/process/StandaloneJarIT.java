package dev.inbound.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.it.Await;
import dev.inbound.it.process.ContinuousSender.Outcome;
import dev.inbound.smtp.InboundProcess;
import dev.inbound.smtp.SmtpTestClient;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as its own OS process ({@code java -jar inbound.jar --handler maildir}),
 * stopped with SIGTERM as {@code kill}, systemd and {@code docker stop} stop it: every message
 * it answered 250 is in the Maildir exactly once, whole, and nothing it refused is there at all,
 * not even in part.
 */
class StandaloneJarIT {
    /** On SIGTERM the JVM runs the shutdown hook (a graceful stop) and exits with 128 + 15. */
    private static final int EXIT_AFTER_SIGTERM = 143;
    /** The server's shutdown grace is 30 s; these tests' messages finish long before. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ExecutorService clients = Executors.newFixedThreadPool(4);
    private InboundProcess inbound;

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        if (inbound != null) {
            inbound.close();
        }
    }

    @Test
    void everyOneOfAHundredMessagesFromFourSessionsIsInTheMaildirOnceAfterSigterm() throws Exception {
        Path mail = dir.resolve("mail");
        inbound = startJar(mail);
        Map<String, TestMail> sent = new ConcurrentHashMap<>();
        List<Future<?>> sessions = new ArrayList<>();
        for (int session = 0; session < 4; session++) {
            String name = "s" + session;
            sessions.add(clients.submit(() -> sendWithAngusMail(name, 25, sent)));
        }
        for (Future<?> session : sessions) {
            session.get(60, TimeUnit.SECONDS);
        }

        long start = System.nanoTime();
        inbound.terminate();
        assertThat(inbound.awaitExit(EXIT_BOUND)).isEqualTo(EXIT_AFTER_SIGTERM);
        System.out.printf("100 messages: exit %d ms after SIGTERM%n", (System.nanoTime() - start) / 1_000_000);

        Map<String, Integer> copies = DeliveredMaildir.copies(mail, sent);
        assertThat(sent).hasSize(100);
        assertThat(copies).hasSize(100).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
    }

    @Test
    void sigtermWhileMessagesAreInFlightLosesNoneThatGot250AndLeavesNoneInPart() throws Exception {
        Path mail = dir.resolve("mail");
        inbound = startJar(mail);
        Map<String, TestMail> sent = new ConcurrentHashMap<>();
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptedAfterStop = new AtomicInteger();
        List<ContinuousSender> senders = new ArrayList<>();
        List<Future<Void>> sessions = new ArrayList<>();
        for (int session = 0; session < 4; session++) {
            ContinuousSender sender = new ContinuousSender(inbound.port(), "s" + session, sent, outcomes, accepted,
                    acceptedAfterStop);
            senders.add(sender);
            sessions.add(clients.submit(sender));
        }
        // One message certainly in transfer at SIGTERM: half its content sent, the rest after.
        TestMail held = TestMail.of("held", 10_000);
        sent.put(held.id(), held);
        try (SmtpTestClient holding = new SmtpTestClient(inbound.port())) {
            holding.greet().startData(TestMail.FROM, TestMail.TO);
            holding.sendRaw(held.text().substring(0, 5_000));

            Await.until("50 messages accepted", WAIT, () -> accepted.get() >= 50);
            senders.forEach(ContinuousSender::serverStopping);
            long start = System.nanoTime();
            inbound.terminate();
            // The server is stopping once a new connection is greeted with 421.
            Await.until("a new connection answered 421", WAIT, this::newConnectionsAreTurnedAway);

            holding.sendRaw(held.text().substring(5_000) + ".\r\n");
            assertThat(holding.reply()).as("the message in transfer at SIGTERM").startsWith("250 ");
            outcomes.put(held.id(), Outcome.ACCEPTED);
            assertThat(holding.reply()).startsWith("421 4.3.2");

            for (Future<Void> session : sessions) {
                session.get(30, TimeUnit.SECONDS); // each ends at its first refusal
            }
            assertThat(inbound.awaitExit(EXIT_BOUND)).isEqualTo(EXIT_AFTER_SIGTERM);
            long exitMillis = (System.nanoTime() - start) / 1_000_000;

            Map<String, Integer> copies = DeliveredMaildir.copies(mail, sent);
            Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
            outcomes.values().forEach(outcome -> counts.merge(outcome, 1L, Long::sum));
            System.out.printf("SIGTERM in flight: %s, %d of the 250s (the held one aside) after SIGTERM, exit %d ms after SIGTERM%n",
                    counts, acceptedAfterStop.get(), exitMillis);

            assertThat(outcomes).as("every message sent has an outcome").hasSameSizeAs(sent);
            outcomes.forEach((id, outcome) -> {
                int stored = copies.getOrDefault(id, 0);
                switch (outcome) {
                    case ACCEPTED -> assertThat(stored).as("copies of %s, answered 250", id).isEqualTo(1);
                    case REFUSED -> assertThat(stored).as("copies of %s, refused", id).isZero();
                    case UNKNOWN -> assertThat(stored).as("copies of %s, no reply", id).isLessThanOrEqualTo(1);
                }
            });
            // Each sender ends on a refusal: the message it started after the server began to stop.
            assertThat(counts.getOrDefault(Outcome.REFUSED, 0L)).isGreaterThanOrEqualTo(4);
            assertThat(counts.get(Outcome.ACCEPTED)).isGreaterThanOrEqualTo(51);
        }
    }

    private InboundProcess startJar(Path mail) throws IOException {
        return InboundProcess.startJar(Path.of(System.getProperty("inbound.jar")), dir.resolve("inbound.log"),
                "--handler", "maildir", "--handler-option", "root=" + mail);
    }

    /** Sends {@code count} messages over one Angus Mail connection, each parsed from its bytes and sent unchanged. */
    private Void sendWithAngusMail(String name, int count, Map<String, TestMail> sent) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(inbound.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int n = 0; n < count; n++) {
                TestMail mail = TestMail.of(name + "-" + n, n % 5 == 4 ? 200_000 : 3_000);
                sent.put(mail.id(), mail);
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mail.bytes()));
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return null;
    }

    private boolean newConnectionsAreTurnedAway() {
        try (SmtpTestClient client = new SmtpTestClient(inbound.port())) {
            return client.reply().startsWith("421 4.3.2");
        } catch (IOException e) {
            throw new AssertionError("the server stopped listening while a message was in transfer", e);
        }
    }
}

package dev.inbound.junit;

import dev.inbound.smtp.Authenticator;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.handlers.CollectorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server of an {@link InboundSmtp} test class and the messages it accepted, kept in
 * memory by a {@link CollectorHandler}.
 *
 * <pre>{@code
 * @Test
 * void remindsBothAttendees(TestMailServer mail) throws Exception {
 *     reminders.send(mail.host(), mail.smtpPort());
 *     List<CollectedMessage> toBob = mail.awaitMessages("bob@example.com", 1, Duration.ofSeconds(5));
 *     assertEquals(List.of("bob@example.com"), toBob.get(0).rcptTos());
 * }
 * }</pre>
 */
public final class TestMailServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final SmtpServer server;
    private final CollectorHandler collector;
    private final boolean lmtp;

    private TestMailServer(SmtpServer server, CollectorHandler collector, boolean lmtp) {
        this.server = server;
        this.collector = collector;
        this.lmtp = lmtp;
    }

    /** A started server as {@code options} describe it. */
    static TestMailServer start(InboundSmtp options) {
        CollectorHandler collector = new CollectorHandler();
        SmtpServer.Builder builder = SmtpServer.builder().bind(HOST).port(0).hostname("localhost")
                .handler(collector);
        if (options.lmtp()) {
            builder.lmtp(HOST, 0);
        }
        if (options.tls()) {
            builder.tls(TlsSettings.custom(() -> LocalhostCertificate.CONTEXT));
        }
        if (options.auth().length > 0) {
            builder.authenticator(users(options.auth())).authRequireTls(options.tls());
        }
        SmtpServer server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test mail server", e);
        }
        return new TestMailServer(server, collector, options.lmtp());
    }

    private static Authenticator users(String[] pairs) {
        Map<String, String> passwords = Stream.of(pairs).map(pair -> {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("@InboundSmtp(auth) takes \"user:password\", not " + pair);
            }
            return Map.entry(pair.substring(0, colon), pair.substring(colon + 1));
        }).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return (session, user, password) -> password.equals(passwords.get(user)) ? Optional.of(user) : Optional.empty();
    }

    /** The address the server listens on: {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    public int smtpPort() {
        return server.port();
    }

    /** The LMTP port; only with {@code @InboundSmtp(lmtp = true)}. */
    public int lmtpPort() {
        if (!lmtp) {
            throw new IllegalStateException("No LMTP listener: use @InboundSmtp(lmtp = true)");
        }
        return server.port(Listener.Kind.LMTP);
    }

    /** The messages accepted since the test began, oldest first. */
    public List<CollectedMessage> messages() {
        return collector.messages();
    }

    /**
     * Waits until at least {@code count} messages have arrived and returns them, oldest first;
     * throws {@link AssertionError} if they have not within {@code timeout}.
     */
    public List<CollectedMessage> awaitMessages(int count, Duration timeout) throws InterruptedException {
        return await(message -> true, "", count, timeout);
    }

    /** As {@link #awaitMessages(int, Duration)}, counting only the messages for {@code recipient}. */
    public List<CollectedMessage> awaitMessages(String recipient, int count, Duration timeout)
            throws InterruptedException {
        return await(message -> message.rcptTos().contains(recipient), " for " + recipient, count,
                timeout);
    }

    private List<CollectedMessage> await(Predicate<CollectedMessage> match, String what, int count, Duration timeout)
            throws InterruptedException {
        List<CollectedMessage> got = collector.awaitMatching(match, count, timeout);
        if (got.size() < count) {
            throw new AssertionError("Expected " + count + " messages" + what + " within " + timeout + ", got "
                    + got.size() + ": " + messages());
        }
        return got;
    }

    /** Forgets every message; the extension does it before each test. */
    public void clear() {
        collector.clear();
    }

    /** Stops the server; the extension does it after the class. */
    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "TestMailServer[" + HOST + ":" + smtpPort() + ", " + collector.messages().size() + " messages]";
    }
}

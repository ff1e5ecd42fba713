package dev.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.handlers.CollectorHandler;
import dev.inbound.smtp.tls.TestKeys;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of README.md, word for word (its {@code copy of:} markers point here), run
 * against a real server, so that they compile and do what the README says.
 */
class ReadmeExamplesTest {
    private static final String MESSAGE = "Subject: from the README\r\n\r\nhello\r\n";

    @TempDir
    Path dir;

    /** What the README's {@code store(...)} and {@code mailboxes.store(...)} were given, by recipient. */
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final Mailboxes mailboxes = new Mailboxes();

    @Test
    void embeddingStartsAServerThatCollectsWhatItIsSent() throws Exception {
        CollectorHandler collector = new CollectorHandler();
        SmtpServer server = SmtpServer.builder()
                .handler(collector)
                .port(0)                       // any free port
                .build();
        server.start();                        // returns when clients can connect
        int port = server.port();
        send("localhost", port);               // your SMTP client: Angus Mail, smtplib, ...
        List<CollectedMessage> got = collector.awaitCount(1, Duration.ofSeconds(5));
        server.stop();                         // graceful: messages in transfer may finish

        assertThat(got).hasSize(1);
        assertThat(got.get(0).text()).startsWith("Received: ").endsWith(MESSAGE);
    }

    @Test
    void theHandlerRefusesOtherDomainsAtRcptAndStoresTheMessage() throws Exception {
        Handler handler = new Handler() {
            @Override
            public Reply onRcpt(Session session, Envelope envelope, String address, List<String> options) {
                return address.endsWith("@example.com") ? null : Reply.of(550, "5.7.1", "Relaying denied");
            }

            @Override
            public Reply onData(Session session, Envelope envelope) throws Exception {
                MimeMessage message = envelope.content().mimeMessage();   // parsed lazily, over the spool
                store(envelope.rcptTos(), envelope.content().openStream());
                return null;                                             // 250 2.0.0 OK: queued as <id>
            }
        };
        try (TestServer server = new TestServer(b -> b, handler); SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<b@elsewhere.example>")).isEqualTo("550 5.7.1 Relaying denied");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            assertThat(client.endData(MESSAGE)).startsWith("250 2.0.0 OK: queued as ");
        }
        assertThat(stored).containsOnlyKeys("b@example.com");
        assertThat(new String(stored.get("b@example.com"))).endsWith(MESSAGE);
    }

    @Test
    void deliverAnswersEachLmtpRecipient() throws Exception {
        Handler handler = new Handler() {
            @Override
            public List<Reply> deliver(Session session, Envelope envelope) throws Exception {
                List<Reply> replies = new ArrayList<>();
                for (String rcpt : envelope.rcptTos()) {
                    replies.add(mailboxes.exists(rcpt) ? mailboxes.store(rcpt, envelope.content())  // null, or a 452
                            : Reply.of(550, "5.1.1", "<" + rcpt + "> User unknown"));
                }
                return replies;
            }
        };
        try (TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0), handler);
                SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
            for (String rcpt : List.of("ann@example.com", "nobody@example.com", "full@example.com")) {
                assertThat(client.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            }
            assertThat(client.command("DATA")).startsWith("354");
            client.sendRaw(MESSAGE + ".\r\n");
            List<String> replies = client.replies(3);
            assertThat(replies.get(0)).startsWith("250 2.0.0 <ann@example.com> OK: queued as ");
            assertThat(replies.subList(1, 3))
                    .containsExactly("550 5.1.1 <nobody@example.com> User unknown", "452 4.2.2 Mailbox full");
        }
        assertThat(stored).containsOnlyKeys("ann@example.com");
    }

    /**
     * The README's ports are the real ones, so the server runs on them, on localhost: 587
     * offers STARTTLS and refuses mail before AUTH, 465 speaks TLS at once with the README's
     * keys and takes the password file's user.
     */
    @Test
    void tlsAndAuthAsTheReadmeConfiguresThem() throws Exception {
        TestKeys.generate("EC", "mail.example").writePem(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        Files.copy(Path.of(getClass().getResource("/auth/users").toURI()), dir.resolve("users"));
        SmtpServer server = tlsServer(dir);
        server.start();
        try {
            try (SmtpTestClient submission = new SmtpTestClient("127.0.0.1", 587)) {
                submission.reply();
                assertThat(submission.command("EHLO client.example")).contains("STARTTLS").doesNotContain("AUTH");
                assertThat(submission.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0");
            }
            try (SmtpTestClient smtps = SmtpTestClient.tls(465)) {
                smtps.reply();
                assertThat(smtps.command("EHLO client.example")).contains("AUTH PLAIN");
                assertThat(smtps.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0");
                String plain = Base64.getEncoder().encodeToString("\0alice\0alice's password".getBytes(StandardCharsets.UTF_8));
                assertThat(smtps.command("AUTH PLAIN " + plain)).startsWith("235 ");
                assertThat(smtps.command("MAIL FROM:<alice@example.com>")).startsWith("250 ");
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void eachListenerHasThePolicyTheReadmeGivesIt() throws Exception {
        TestKeys.generate("EC", "mail.example").writePem(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        Files.copy(Path.of(getClass().getResource("/auth/users").toURI()), dir.resolve("users"));
        // Built, not started: 25 and 587 are not this test's to take; ListenerPolicyClientTest
        // drives the same policies on free ports with smtplib.
        List<Listener> listeners = policyServer(dir).settings().listeners();
        assertThat(listeners).extracting(Listener::name, Listener::port, l -> l.policy().authRequired(),
                l -> l.policy().acceptDomains())
                .containsExactly(tuple("smtp", 25, false, Set.of("example.com")),
                        tuple("submission", 587, true, Set.of()));
    }

    private static SmtpServer policyServer(Path etc) {
        SmtpServer server = SmtpServer.builder()
                .tls(TlsSettings.pem(etc.resolve("fullchain.pem"), etc.resolve("privkey.pem")))
                .port(25).acceptDomains(Set.of("example.com"))
                .submission("0.0.0.0", 587)
                .authenticator(new PasswordFileAuthenticator(etc.resolve("users")))
                .policy("submission", p -> p.authRequired(true).acceptDomains(Set.of()))
                .build();
        return server;
    }

    private static SmtpServer tlsServer(Path etc) {
        // etc: the folder of fullchain.pem, privkey.pem and users (see Users for AUTH), such as Path.of("/etc/inbound")
        SmtpServer server = SmtpServer.builder()
                .tls(TlsSettings.pem(etc.resolve("fullchain.pem"), etc.resolve("privkey.pem")))
                .port(587).implicitTlsPort(465)
                .authenticator(new PasswordFileAuthenticator(etc.resolve("users")))
                .authRequired(true)
                .build();
        return server;
    }

    /** The README's "your SMTP client". */
    private static void send(String host, int port) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(host, port)) {
            client.greet().startData();
            assertThat(client.endData(MESSAGE)).startsWith("250 ");
        }
    }

    /** The README's own store(...): keeps the bytes per recipient. */
    private void store(List<String> recipients, InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        recipients.forEach(rcpt -> stored.put(rcpt, bytes));
    }

    /** The README's mailboxes: {@code ann} and {@code full} exist, and {@code full}'s is full. */
    private final class Mailboxes {
        boolean exists(String rcpt) {
            return rcpt.startsWith("ann@") || rcpt.startsWith("full@");
        }

        Reply store(String rcpt, MessageContent content) throws IOException {
            if (rcpt.startsWith("full@")) {
                return Reply.of(452, "4.2.2", "Mailbox full");
            }
            try (InputStream in = content.openStream()) {
                stored.put(rcpt, in.readAllBytes());
            }
            return null;
        }
    }
}

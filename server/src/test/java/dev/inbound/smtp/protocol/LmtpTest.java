package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.BareNewlinePolicy;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestMailboxes;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LMTP (RFC 2033) transcripts: LHLO, and one reply per accepted recipient after the message. */
class LmtpTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String MESSAGE = "Subject: lmtp\r\n\r\nhello\r\n";

    private static TestServer lmtpServer(UnaryOperator<SmtpServer.Builder> settings, Handler handler)
            throws Exception {
        return new TestServer(b -> settings.apply(b.lmtp("127.0.0.1", 0)), handler);
    }

    private static TestServer lmtpServer(Handler handler) throws Exception {
        return lmtpServer(b -> b, handler);
    }

    /** MAIL and a RCPT for each of {@code rcpts}, all accepted. */
    private static void envelope(SmtpTestClient client, String... rcpts) throws Exception {
        assertThat(client.command("MAIL FROM:<sender@example.com>")).startsWith("250 ");
        for (String rcpt : rcpts) {
            assertThat(client.command("RCPT TO:<" + rcpt + ">")).startsWith("250 ");
        }
    }

    /** DATA and {@link #MESSAGE}; returns the {@code count} replies after it. */
    private static List<String> message(SmtpTestClient client, int count) throws Exception {
        assertThat(client.command("DATA")).startsWith("354 ");
        return client.sendRaw(MESSAGE + ".\r\n").replies(count);
    }

    @Test
    void greetsAsLmtpAndAnswersLhloWithTheExtensionsOfEhlo() throws Exception {
        try (TestServer server = lmtpServer(null); SmtpTestClient lmtp = server.lmtpClient();
                SmtpTestClient smtp = server.client()) {
            assertThat(lmtp.reply()).isEqualTo("220 inbound.test LMTP Inbound");
            assertThat(smtp.reply()).isEqualTo("220 inbound.test ESMTP Inbound");

            String lhlo = lmtp.command("LHLO client.example");

            assertThat(lhlo).isEqualTo(smtp.command("EHLO client.example"))
                    .contains("250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250-SIZE",
                            "250-CHUNKING", "250-SMTPUTF8");
        }
    }

    @Test
    void refusesHeloAndEhloWith500() throws Exception {
        try (TestServer server = lmtpServer(null); SmtpTestClient client = server.lmtpClient()) {
            client.reply();
            assertThat(client.command("HELO client.example")).isEqualTo("500 Error: this is an LMTP server, send LHLO");
            assertThat(client.command("EHLO client.example")).isEqualTo("500 Error: this is an LMTP server, send LHLO");
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("503 Error: send LHLO first");
            assertThat(client.command("LHLO client.example")).startsWith("250-inbound.test");
            assertThat(client.command("EHLO client.example"))
                    .isEqualTo("500 5.5.1 Error: this is an LMTP server, send LHLO");
            assertThat(client.command("HELP")).contains("LHLO").doesNotContain("HELO", "EHLO");
        }
    }

    @Test
    void sendsOneReplyPerRecipientAfterData() throws Exception {
        try (TestServer server = lmtpServer(new TestMailboxes()); SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "anna@example.com", "unknown@example.com", "full@example.com", "busy@example.com",
                    "bob@example.com");

            List<String> replies = message(client, 5);

            assertThat(replies.get(0)).matches("250 2\\.0\\.0 <anna@example\\.com> OK: queued as \\S+");
            assertThat(replies.subList(1, 4)).containsExactly("550 5.1.1 User unknown",
                    "452 4.2.2 Mailbox full, try again later", "450 4.2.0 Mailbox busy, try again later");
            assertThat(replies.get(4)).matches("250 2\\.0\\.0 <bob@example\\.com> OK: queued as \\S+");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void sendsOneReplyPerRecipientAfterBdatLast() throws Exception {
        try (TestServer server = lmtpServer(new TestMailboxes()); SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "unknown@example.com", "anna@example.com");
            assertThat(client.sendRaw("BDAT 15\r\nSubject: lmtp\r\n").reply()).isEqualTo("250 2.0.0 15 octets received");

            List<String> replies = client.sendRaw("BDAT 9 LAST\r\n\r\nhello\r\n").replies(2);

            assertThat(replies.get(0)).isEqualTo("550 5.1.1 User unknown");
            assertThat(replies.get(1)).startsWith("250 2.0.0 <anna@example.com> OK");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(server.collector.awaitCount(1, WAIT).get(0).text()).endsWith("\r\n" + MESSAGE);
        }
    }

    @Test
    void laterHandlersGetOnlyTheRecipientsEarlierHandlersDelivered() throws Exception {
        try (TestServer server = lmtpServer(new TestMailboxes()); SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "unknown@example.com", "anna@example.com", "full@example.com", "bob@example.com");
            message(client, 4);

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);

            assertThat(got.rcptTos()).containsExactly("anna@example.com", "bob@example.com");
        }
    }

    @Test
    void repeatsTheOnDataReplyOfAHandlerForEveryRecipient() throws Exception {
        Handler wholeMessage = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) {
                return Reply.of(451, "4.3.1", "Queue full");
            }
        };
        try (TestServer server = lmtpServer(wholeMessage); SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "anna@example.com", "bob@example.com", "carl@example.com");

            assertThat(message(client, 3)).containsOnly("451 4.3.1 Queue full");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void givesEveryRecipient451WhenTheHandlerFailsOrMiscounts() throws Exception {
        Handler failing = new Handler() {
            @Override
            public List<Reply> deliver(Session session, Envelope envelope) {
                if (envelope.rcptTos().contains("throw@example.com")) {
                    throw new IllegalStateException("store is down");
                }
                return List.of(Reply.of(250, "2.0.0", "one reply only"));
            }
        };
        try (TestServer server = lmtpServer(failing); SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            for (String first : List.of("throw@example.com", "anna@example.com")) {
                envelope(client, first, "bob@example.com");

                assertThat(message(client, 2))
                        .containsOnly("451 4.3.0 Error: internal server error, try again later");
            }
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "3000 | 552 5.3.4 Error: message size exceeds fixed maximum message size",
        "1200 | 500 5.5.2 Error: line too long (see RFC 5321 4.5.3.1.6)",
        "bare | 550 5.5.2 Error: bare <CR> or <LF> received"})
    void givesEveryRecipientTheRefusalOfTheWholeMessage(String content, String refusal) throws Exception {
        String message = switch (content) {
            case "bare" -> "Subject: x\r\n\r\nbare\nnewline\r\n";
            case "1200" -> "Subject: x\r\n\r\n" + "x".repeat(1200) + "\r\n";
            default -> "Subject: x\r\n\r\n" + "line of text\r\n".repeat(3000 / 14);
        };
        try (TestServer server = lmtpServer(b -> b.maxMessageSize(2000).bareNewline(BareNewlinePolicy.REJECT), null);
                SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "anna@example.com", "bob@example.com", "carl@example.com");
            client.command("DATA");

            assertThat(client.sendRaw(message + ".\r\n").replies(3)).containsOnly(refusal);
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @Test
    void refusesDataWithoutAcceptedRecipientsWithOne503() throws Exception {
        try (TestServer server = lmtpServer(b -> b.acceptDomains(java.util.Set.of("example.com")), null);
                SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client);
            assertThat(client.command("RCPT TO:<x@elsewhere.example>")).isEqualTo("554 5.7.1 Relaying denied");

            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
            assertThat(client.command("BDAT 0 LAST")).isEqualTo("503 5.5.1 Error: need RCPT command");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void refusedRecipientsAfterDataDoNotUseUpTheErrorBudget() throws Exception {
        try (TestServer server = lmtpServer(b -> b.maxErrors(3), new TestMailboxes());
                SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "unknown1@example.com", "unknown2@example.com", "unknown3@example.com",
                    "unknown4@example.com", "anna@example.com");

            List<String> replies = message(client, 5);

            assertThat(replies.subList(0, 4)).containsOnly("550 5.1.1 User unknown");
            assertThat(replies.get(4)).startsWith("250 2.0.0 <anna@example.com>");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void answersAPipelinedTransactionInOrder() throws Exception {
        try (TestServer server = lmtpServer(new TestMailboxes()); SmtpTestClient client = server.lmtpClient()) {
            client.reply();
            client.sendRaw("LHLO client.example\r\nMAIL FROM:<sender@example.com>\r\nRCPT TO:<anna@example.com>\r\n"
                    + "RCPT TO:<unknown@example.com>\r\nDATA\r\n");
            assertThat(client.replies(5).stream().map(reply -> reply.substring(0, 3)))
                    .containsExactly("250", "250", "250", "250", "354");

            List<String> replies = client.sendRaw(MESSAGE + ".\r\nQUIT\r\n").replies(3);

            assertThat(replies.get(0)).startsWith("250 2.0.0 <anna@example.com>");
            assertThat(replies.subList(1, 3)).containsExactly("550 5.1.1 User unknown", "221 2.0.0 Bye");
        }
    }

    @Test
    void marksTheReceivedHeaderWithLmtp() throws Exception {
        try (TestServer server = lmtpServer(null); SmtpTestClient client = server.lmtpClient()) {
            client.greetLmtp();
            envelope(client, "anna@example.com");
            message(client, 1);
            assertThat(client.command("MAIL FROM:<sender@example.com> SMTPUTF8")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<anna@example.com>")).startsWith("250 ");
            message(client, 1);

            List<CollectedMessage> got = server.collector.awaitCount(2, WAIT);
            assertThat(got.get(0).text())
                    .startsWith("Received: from client.example ([127.0.0.1])\r\n\tby inbound.test (Inbound) with LMTP id ");
            assertThat(got.get(1).text()).contains(" with UTF8LMTP id ");
        }
    }

    @Test
    void authenticatesAfterLhloAndMarksTheReceivedHeaderWithLmtpa() throws Exception {
        try (TestServer server = lmtpServer(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false),
                null); SmtpTestClient client = server.lmtpClient()) {
            client.reply();
            assertThat(client.command("AUTH PLAIN " + TestAuthenticator.base64("\0alice\0s3cret")))
                    .isEqualTo("503 Error: send LHLO first");
            assertThat(client.command("LHLO client.example")).contains("250-AUTH PLAIN LOGIN");
            assertThat(client.command("AUTH PLAIN " + TestAuthenticator.base64("\0alice\0s3cret")))
                    .isEqualTo("235 2.7.0 Authentication successful");
            envelope(client, "anna@example.com");
            message(client, 1);

            assertThat(server.collector.awaitCount(1, WAIT).get(0).text()).contains(" with LMTPA id ");
        }
    }

    @Test
    void allowsLhloBeforeRequiredStartTlsAndWorksOverTls() throws Exception {
        try (TestServer server = lmtpServer(b -> b.tls(TlsSettings.selfSigned()).requireStartTls(true),
                new TestMailboxes()); SmtpTestClient client = server.lmtpClient()) {
            client.reply();
            assertThat(client.command("LHLO client.example")).contains("250-STARTTLS");
            assertThat(client.command("MAIL FROM:<sender@example.com>"))
                    .isEqualTo("530 5.7.0 Must issue a STARTTLS command first");
            assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            client.upgradeToTls();
            assertThat(client.command("MAIL FROM:<sender@example.com>")).isEqualTo("503 Error: send LHLO first");
            assertThat(client.command("LHLO client.example")).doesNotContain("STARTTLS");
            envelope(client, "unknown@example.com", "anna@example.com");

            List<String> replies = message(client, 2);

            assertThat(replies.get(0)).isEqualTo("550 5.1.1 User unknown");
            assertThat(replies.get(1)).startsWith("250 2.0.0 <anna@example.com>");
            assertThat(server.collector.awaitCount(1, WAIT).get(0).text()).contains(" with LMTPS id ");
        }
    }

    @Test
    void servesSmtpAndLmtpFromOneServer() throws Exception {
        try (TestServer server = lmtpServer(new TestMailboxes()); SmtpTestClient smtp = server.client()) {
            assertThat(server.lmtpPort()).isNotEqualTo(server.port());
            smtp.greet();
            envelope(smtp, "anna@example.com", "bob@example.com");
            smtp.command("DATA");

            assertThat(smtp.endData(MESSAGE)).startsWith("250 2.0.0 OK: queued as ");
            assertThat(smtp.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(server.collector.awaitCount(1, WAIT).get(0).text()).contains(" with ESMTP id ");
        }
    }

    @Test
    void listensForLmtpOnlyWhenNoSmtpAddressIsGivenAndNeverOnPort25() {
        SmtpServer server = SmtpServer.builder().hostname("inbound.test").lmtp("127.0.0.1", 24).build();

        assertThat(server.settings().listeners()).containsExactly(new Listener(Listener.Kind.LMTP, "127.0.0.1", 24));
        assertThat(SmtpServer.builder().hostname("inbound.test").lmtp("127.0.0.1", 24).port(25).build()
                .settings().listeners()).extracting(Listener::kind)
                .containsExactly(Listener.Kind.SMTP, Listener.Kind.LMTP);
        assertThatThrownBy(() -> SmtpServer.builder().lmtp("127.0.0.1", 70000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpServer.builder().lmtp("127.0.0.1", 25))
                .hasMessage("LMTP must not listen on port 25, the SMTP port (RFC 2033)");
    }
}

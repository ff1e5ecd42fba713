package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestMailboxes;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Postfix as the LMTP client: a private Postfix takes mail by SMTP and hands mail for
 * example.com to Inbound's LMTP listener, where {@link TestMailboxes} answers per recipient.
 * The sender is in example.com too, so Postfix's bounce comes back to Inbound as well.
 */
class PostfixLmtpTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SENDER = "sender@example.com";
    private static final List<String> RECIPIENTS = List.of("anna@example.com", "unknown@example.com",
            "full@example.com", "busy@example.com", "bob@example.com");
    /** What goes into Postfix: 8-bit text, lines that need dot-stuffing, trailing white space, a long line. */
    private static final String MESSAGE = "From: Sender <" + SENDER + ">\r\n"
            + "To: " + String.join(", ", RECIPIENTS) + "\r\n"
            + "Subject: through Postfix\r\n"
            + "Date: Sun, 29 Nov 2026 12:00:00 +0000\r\n"
            + "Message-ID: <postfix-lmtp-test@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße aus Zürich.\r\n"
            + ".a line that starts with a dot\r\n"
            + "..and one with two\r\n"
            + "trailing spaces   \r\n"
            + "\tand a tab\r\n"
            + "x".repeat(900) + "\r\n"
            + "\r\n";
    private static final Pattern HEADER_END = Pattern.compile("\r\n(?![ \t])");

    @Test
    void deliversByteExactAndRefusesOnlyTheRecipientsTheHandlerRefuses(@TempDir Path dir) throws Exception {
        try (TestServer inbound = new TestServer(b -> b.lmtp("127.0.0.1", 0), new TestMailboxes());
                PostfixInstance postfix = PostfixInstance.start(dir, "example.com", inbound.lmtpPort())) {
            inject(postfix, RECIPIENTS);

            List<CollectedMessage> got = awaitMessages(inbound, postfix, 2);
            CollectedMessage delivered = got.get(0);
            assertThat(delivered.mailFrom()).isEqualTo(SENDER);
            assertThat(delivered.rcptTos()).containsExactly("anna@example.com", "bob@example.com");
            List<String> received = new ArrayList<>();
            String rest = stripReceived(delivered.text(), received);
            assertThat(rest.getBytes(StandardCharsets.UTF_8)).isEqualTo(MESSAGE.getBytes(StandardCharsets.UTF_8));
            assertThat(received).hasSize(2);
            assertThat(received.get(0)).contains("by inbound.test (Inbound) with LMTP id ");
            assertThat(received.get(1)).contains("by postfix.test (Postfix) with ESMTP");

            CollectedMessage bounce = got.get(1);
            assertThat(bounce.mailFrom()).isEmpty();
            assertThat(bounce.rcptTos()).containsExactly(SENDER);
            assertThat(bounce.text()).contains("Final-Recipient: rfc822; unknown@example.com",
                    "Diagnostic-Code: smtp; 550 5.1.1 User unknown");
            for (String other : List.of("anna", "full", "busy", "bob")) {
                assertThat(bounce.text()).doesNotContain("Final-Recipient: rfc822; " + other + "@example.com");
            }

            String deferred = awaitDeferred(postfix);
            assertThat(deferred).doesNotContain("anna@", "bob@", "unknown@");
        }
    }

    /* Postfix's LMTP client with lmtp_tls_security_level = encrypt: LHLO, STARTTLS, LHLO again. */
    @Test
    void deliversOverStartTlsWhichInboundRequires(@TempDir Path dir) throws Exception {
        try (TestServer inbound = new TestServer(b -> b.lmtp("127.0.0.1", 0).tls(TlsSettings.selfSigned())
                .requireStartTls(true), new TestMailboxes());
                PostfixInstance postfix = PostfixInstance.start(dir, "example.com", inbound.lmtpPort(),
                        "lmtp_tls_security_level = encrypt")) {
            inject(postfix, List.of("anna@example.com", "bob@example.com"));

            CollectedMessage delivered = awaitMessages(inbound, postfix, 1).get(0);
            assertThat(delivered.rcptTos()).containsExactly("anna@example.com", "bob@example.com");
            assertThat(delivered.text()).contains("by inbound.test (Inbound) with LMTPS id ").endsWith(MESSAGE);
        }
    }

    /** Sends the message into Postfix's smtpd for {@code recipients}, as a mail client would. */
    private static void inject(PostfixInstance postfix, List<String> recipients) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(postfix.smtpPort())) {
            client.greet();
            assertThat(client.command("MAIL FROM:<" + SENDER + "> BODY=8BITMIME")).startsWith("250");
            for (String rcpt : recipients) {
                assertThat(client.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            }
            assertThat(client.command("DATA")).startsWith("354");
            String stuffed = MESSAGE.replace("\r\n.", "\r\n..");
            assertThat(client.sendBytes((stuffed + ".\r\n").getBytes(StandardCharsets.UTF_8)).reply())
                    .startsWith("250 2.0.0 Ok: queued as ");
            assertThat(client.command("QUIT")).startsWith("221");
        }
    }

    private static List<CollectedMessage> awaitMessages(TestServer inbound, PostfixInstance postfix, int count)
            throws Exception {
        try {
            return inbound.collector.awaitCount(count, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- Postfix maillog ---\n" + postfix.log(), e);
        }
    }

    /**
     * Waits until Postfix holds the two recipients Inbound answered 452 and 450 as deferred,
     * with those replies as the reason; returns the queue listing.
     */
    private static String awaitDeferred(PostfixInstance postfix) throws Exception {
        Pattern full = Pattern.compile("\"address\": ?\"full@example\\.com\", ?\"delay_reason\": ?\"[^\"]*452 4\\.2\\.2 ");
        Pattern busy = Pattern.compile("\"address\": ?\"busy@example\\.com\", ?\"delay_reason\": ?\"[^\"]*450 4\\.2\\.0 ");
        long deadline = System.nanoTime() + WAIT.toNanos();
        String queue = postfix.queue();
        while (!(full.matcher(queue).find() && busy.matcher(queue).find())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No deferral for full@ and busy@ within " + WAIT + "; queue:\n" + queue
                        + "\n--- Postfix maillog ---\n" + postfix.log());
            }
            Thread.sleep(200);
            queue = postfix.queue();
        }
        return queue;
    }

    /** The message without its leading Received headers, which go to {@code received}, topmost first. */
    private static String stripReceived(String text, List<String> received) {
        String rest = text;
        while (rest.startsWith("Received:")) {
            var end = HEADER_END.matcher(rest);
            if (!end.find()) {
                break;
            }
            received.add(rest.substring(0, end.end()));
            rest = rest.substring(end.end());
        }
        return rest;
    }
}

package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.TestMailboxes;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.protocol.TestAuthenticator;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Python's smtplib, run as {@code python3}, against Inbound. */
class PythonSmtplibClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void deliversEmailMessageWithAttachmentFromSendMessage(@TempDir Path dir) throws Exception {
        byte[] attachment = new byte[50 * 1024];
        new Random(7).nextBytes(attachment);
        Path file = Files.write(dir.resolve("data.bin"), attachment);
        try (TestServer server = new TestServer()) {
            ProcessRunner.Result result = PythonScript.run("smtplib_attachment.py", server.port(), file.toString());

            assertThat(result.exitCode()).as(result.describe()).isZero();
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.mailFrom()).isEqualTo("sender@example.com");
            assertThat(got.rcptTos()).containsExactly("rcpt@example.com", "other@example.com");
            MimeMessage parsed = got.mimeMessage();
            assertThat(parsed.getSubject()).isEqualTo("smtplib attachment");
            MimeMultipart parts = (MimeMultipart) parsed.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Data attached.\r\n");
            MimeBodyPart binary = (MimeBodyPart) parts.getBodyPart(1);
            assertThat(binary.getFileName()).isEqualTo("data.bin");
            assertThat(binary.getEncoding()).isEqualTo("base64");
            assertThat(binary.getInputStream().readAllBytes()).isEqualTo(attachment);
        }
    }

    @Test
    void lmtpGivesEachAcceptedRecipientItsOwnReplyAfterData() throws Exception {
        try (TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0).acceptDomains(Set.of("example.com")),
                new TestMailboxes())) {
            ProcessRunner.Result result = PythonScript.run("smtplib_lmtp.py", server.lmtpPort(),
                    "anna@example.com", "unknown@example.com", "x@elsewhere.example", "full@example.com",
                    "bob@example.com");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout().lines()).as(result.describe()).containsExactly(
                    "lhlo: 250 8bitmime chunking enhancedstatuscodes help pipelining size smtputf8",
                    "rcpt anna@example.com: 250 2.1.5 OK",
                    "rcpt unknown@example.com: 250 2.1.5 OK",
                    "rcpt x@elsewhere.example: 554 5.7.1 Relaying denied",
                    "rcpt full@example.com: 250 2.1.5 OK",
                    "rcpt bob@example.com: 250 2.1.5 OK",
                    "data anna@example.com: 250 2.0.0 <anna@example.com> OK: queued as " + messageId(server),
                    "data unknown@example.com: 550 5.1.1 User unknown",
                    "data full@example.com: 452 4.2.2 Mailbox full, try again later",
                    "data bob@example.com: 250 2.0.0 <bob@example.com> OK: queued as " + messageId(server),
                    "noop: 250 2.0.0 OK");
            assertThat(server.collector.messages().get(0).rcptTos()).containsExactly("anna@example.com",
                    "bob@example.com");
        }
    }

    private static String messageId(TestServer server) throws InterruptedException {
        return server.collector.awaitCount(1, WAIT).get(0).id();
    }

    /* smtplib's login() picks CRAM-MD5 first, then PLAIN, then LOGIN. */
    @Test
    void logsInWithCramMd5WhenOfferedAndWithPlainOtherwise() throws Exception {
        for (boolean secrets : new boolean[] {true, false}) {
            try (TestServer server = new TestServer(b -> b.authenticator(new TestAuthenticator(secrets))
                    .authRequireTls(false).authRequired(true))) {
                ProcessRunner.Result result = PythonScript.run("smtplib_login.py", server.port(),
                        TestAuthenticator.USER, TestAuthenticator.PASSWORD);

                assertThat(result.exitCode()).as(result.describe()).isZero();
                assertThat(result.stdout()).contains("offered: PLAIN LOGIN" + (secrets ? " CRAM-MD5" : ""))
                        .contains("login: 235 2.7.0 Authentication successful");
                assertThat(server.collector.awaitCount(1, WAIT).get(0).text()).contains(" with ESMTPA id ");
            }
        }
    }

    @Test
    void loginWithAWrongPasswordIsRefused() throws Exception {
        try (TestServer server = new TestServer(b -> b.authenticator(new TestAuthenticator(true)).authRequireTls(false))) {
            ProcessRunner.Result result = PythonScript.run("smtplib_login.py", server.port(),
                    TestAuthenticator.USER, "wrong");

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(3);
            assertThat(result.stdout()).contains("refused: 535 5.7.8 Authentication credentials invalid");
        }
    }

    @Test
    void deliversNonAsciiAddressesAndBodyWithSmtpUtf8() throws Exception {
        try (TestServer server = new TestServer()) {
            ProcessRunner.Result result = PythonScript.run("smtplib_utf8.py", server.port());

            assertThat(result.exitCode()).as(result.describe()).isZero();
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.smtpUtf8()).isTrue();
            assertThat(got.mailOptions()).contains("SMTPUTF8", "BODY=8BITMIME");
            assertThat(got.mailFrom()).isEqualTo("jörg@bücher.example");
            assertThat(got.rcptTos()).containsExactly("用户@例子.广告");
            assertThat(got.text()).contains(" with UTF8SMTP id ").contains("Subject: Grüße 你好\r\n")
                    .endsWith("\r\n\r\n你好, 世界 — Grüße\r\n");
        }
    }

    @Test
    void deliversTwoHundredMessagesInOneSession() throws Exception {
        int count = 200;
        try (TestServer server = new TestServer()) {
            ProcessRunner.Result result = PythonScript.run("smtplib_many.py", server.port(), Integer.toString(count));

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<CollectedMessage> got = server.collector.awaitCount(count, WAIT);
            assertThat(got).hasSize(count);
            for (int i = 0; i < count; i++) {
                CollectedMessage message = got.get(i);
                assertThat(message.mailFrom()).isEqualTo("sender" + i + "@example.com");
                assertThat(message.rcptTos()).containsExactly("rcpt" + i + "@example.com");
                assertThat(message.text()).endsWith("Subject: message " + i + "\r\n\r\nbody of message " + i + "\r\n");
            }
        }
    }

    /** {@code starttls}: SMTP, starttls(), EHLO again, sendmail; {@code implicit}: SMTP_SSL on the TLS port. */
    @ParameterizedTest
    @ValueSource(strings = {"starttls", "implicit"})
    void deliversOverTls(String mode) throws Exception {
        try (TestServer server = TestServer.withTls()) {
            int port = mode.equals("implicit") ? server.implicitTlsPort() : server.port();
            ProcessRunner.Result result = PythonScript.run("smtplib_tls.py", port, mode);

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout().strip()).as(result.describe()).isIn("TLSv1.3", "TLSv1.2");
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.mailFrom()).isEqualTo("sender@example.com");
            assertThat(got.text()).contains(" with ESMTPS id ")
                    .endsWith("Subject: smtplib " + mode + "\r\n\r\nsent with " + mode + "\r\n");
        }
    }
}

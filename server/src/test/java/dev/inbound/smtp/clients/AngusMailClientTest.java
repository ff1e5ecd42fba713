package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.protocol.TestAuthenticator;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Angus Mail's SMTP transport, the client most Java applications send with, against Inbound. */
class AngusMailClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void deliversMultipartMessageWithBinaryAttachmentIntact() throws Exception {
        byte[] attachment = new byte[50 * 1024];
        new Random(42).nextBytes(attachment);
        try (TestServer server = new TestServer()) {
            MimeMessage message = plainMessage(session(server.port(), new Properties()));
            message.setSubject("report");
            MimeBodyPart text = new MimeBodyPart();
            text.setText("See the attachment.\r\n", "UTF-8");
            MimeBodyPart binary = new MimeBodyPart();
            binary.setContent(attachment, "application/octet-stream");
            binary.setFileName("data.bin");
            binary.setHeader("Content-Transfer-Encoding", "base64");
            message.setContent(new MimeMultipart(text, binary));
            Transport.send(message);

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.mailFrom()).isEqualTo("sender@example.com");
            assertThat(got.rcptTos()).containsExactly("rcpt@example.com");
            MimeMessage parsed = got.mimeMessage();
            assertThat(parsed.getSubject()).isEqualTo("report");
            assertThat(parsed.isMimeType("multipart/mixed")).isTrue();
            MimeMultipart parts = (MimeMultipart) parsed.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
            assertThat(parts.getBodyPart(0).getContent()).isEqualTo("See the attachment.\r\n");
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("data.bin");
            assertThat(((MimeBodyPart) parts.getBodyPart(1)).getEncoding()).isEqualTo("base64");
            assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(attachment);
        }
    }

    /*
     * Angus's allow8bitmime only re-encodes text parts as 8bit when the server offers 8BITMIME;
     * it never adds BODY=8BITMIME to MAIL itself (see SMTPTransport.mailFrom), so the parameter
     * is asked for through mail.smtp.mailextension.
     */
    @Test
    void keepsEightBitContentUnchangedWithBody8BitMime() throws Exception {
        String text = "Grüße aus Köln, voilà: ½ € 漢字\r\nzweite Zeile\r\n";
        Properties props = new Properties();
        props.put("mail.smtp.allow8bitmime", "true");
        props.put("mail.smtp.mailextension", "BODY=8BITMIME");
        try (TestServer server = new TestServer()) {
            MimeMessage message = plainMessage(session(server.port(), props));
            message.setSubject("8bit");
            message.setText(text, "UTF-8");
            Transport.send(message);

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.mailOptions()).contains("BODY=8BITMIME");
            assertThat(got.text()).containsIgnoringCase("Content-Transfer-Encoding: 8bit\r\n");
            assertThat(new String(got.content(), StandardCharsets.UTF_8))
                    .endsWith("\r\n\r\n" + text);
            assertThat(got.mimeMessage().getContent()).isEqualTo(text);
        }
    }

    @Test
    void deliversUtf8AddressesAndSubjectWithSmtpUtf8() throws Exception {
        Properties props = new Properties();
        props.put("mail.mime.allowutf8", "true");
        try (TestServer server = new TestServer()) {
            MimeMessage message = new MimeMessage(session(server.port(), props));
            InternetAddress from = new InternetAddress();
            from.setAddress("jörg@bücher.example");
            InternetAddress to = new InternetAddress();
            to.setAddress("用户@例子.广告");
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            // allowutf8 lets headers go out as raw UTF-8 rather than encoded words
            message.setHeader("Subject", "Grüße 你好");
            message.setText("你好, 世界\r\n", "UTF-8");
            Transport.send(message);

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.smtpUtf8()).isTrue();
            assertThat(got.mailOptions()).contains("SMTPUTF8");
            assertThat(got.mailFrom()).isEqualTo("jörg@bücher.example");
            assertThat(got.rcptTos()).containsExactly("用户@例子.广告");
            assertThat(got.text()).contains(" with UTF8SMTP id ")
                    .contains("Subject: Grüße 你好\r\n").contains("To: 用户@例子.广告\r\n");
        }
    }

    @Test
    void refusesMessageOverSizeLimitWith552AndKeepsNothing() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(10 * 1024))) {
            MimeMessage message = plainMessage(session(server.port(), new Properties()));
            message.setSubject("too big");
            message.setText(line().repeat(300)); // about 21 KiB

            SMTPSendFailedException refused = catchThrowableOfType(SMTPSendFailedException.class,
                    () -> Transport.send(message));

            assertThat(refused).as("Transport.send must fail").isNotNull();
            assertThat(refused.getReturnCode()).isEqualTo(552);
            assertThat(refused.getMessage()).contains("5.3.4");
            // the session is over once send() has thrown, so nothing can still be on its way
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @Test
    void deliversMessageSentInBdatChunks() throws Exception {
        byte[] attachment = new byte[30 * 1024];
        new Random(3).nextBytes(attachment);
        Properties props = new Properties();
        props.put("mail.smtp.chunksize", "4096");
        try (TestServer server = new TestServer()) {
            MimeMessage message = plainMessage(session(server.port(), props));
            message.setSubject("chunked");
            MimeBodyPart binary = new MimeBodyPart();
            binary.setContent(attachment, "application/octet-stream");
            binary.setHeader("Content-Transfer-Encoding", "base64");
            message.setContent(new MimeMultipart(binary));
            Transport.send(message);

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            MimeMultipart parts = (MimeMultipart) got.mimeMessage().getContent();
            assertThat(parts.getBodyPart(0).getInputStream().readAllBytes()).isEqualTo(attachment);
        }
    }

    @Test
    void refusesBdatMessageOverSizeLimitAndKeepsNothing() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.chunksize", "4096");
        try (TestServer server = new TestServer(b -> b.maxMessageSize(10 * 1024))) {
            MimeMessage message = plainMessage(session(server.port(), props));
            message.setText(line().repeat(300));

            MessagingException refused = catchThrowableOfType(MessagingException.class,
                    () -> Transport.send(message));

            assertThat(refused).as("Transport.send must fail").isNotNull();
            assertThat(refused).hasStackTraceContaining("552 5.3.4");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @Test
    void authenticatesWithPlainAndLoginThenSends() throws Exception {
        for (String mechanism : new String[] {"PLAIN", "LOGIN"}) {
            Properties props = new Properties();
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.auth.mechanisms", mechanism);
            try (TestServer server = authServer()) {
                MimeMessage message = plainMessage(session(server.port(), props));
                message.setSubject("auth " + mechanism);
                message.setText("hello\r\n");
                Transport.send(message, TestAuthenticator.USER, TestAuthenticator.PASSWORD);

                CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
                assertThat(got.text()).as(mechanism).contains(" with ESMTPA id ").contains("Subject: auth " + mechanism);
            }
        }
    }

    @Test
    void wrongPasswordFailsToAuthenticate() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.auth", "true");
        try (TestServer server = authServer()) {
            MimeMessage message = plainMessage(session(server.port(), props));
            message.setText("hello\r\n");
            AuthenticationFailedException e = catchThrowableOfType(
                    () -> Transport.send(message, TestAuthenticator.USER, "wrong"), AuthenticationFailedException.class);
            assertThat(e.getMessage()).contains("535 5.7.8");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    private static TestServer authServer() throws Exception {
        return new TestServer(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false).authRequired(true));
    }

    @Test
    void deliversOverRequiredStartTls() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        // Angus 2 checks the name by default, and the certificate names inbound.test, not 127.0.0.1
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        try (TestServer server = TestServer.withTls()) {
            MimeMessage message = plainMessage(session(server.port(), props));
            message.setSubject("starttls");
            message.setText("over STARTTLS\r\n");
            Transport.send(message);

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.text()).contains(" with ESMTPS id ").contains("Subject: starttls\r\n")
                    .endsWith("\r\n\r\nover STARTTLS\r\n");
        }
    }

    @Test
    void deliversOverSmtpsToTheImplicitTlsPort() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtps.ssl.trust", "*");
        props.put("mail.smtps.ssl.checkserveridentity", "false");
        try (TestServer server = TestServer.withTls()) {
            Session session = session("smtps", server.implicitTlsPort(), props);
            MimeMessage message = plainMessage(session);
            message.setSubject("smtps");
            message.setText("over implicit TLS\r\n");
            try (Transport transport = session.getTransport("smtps")) {
                transport.connect();
                transport.sendMessage(message, message.getAllRecipients());
            }

            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.rcptTos()).containsExactly("rcpt@example.com");
            assertThat(got.text()).contains(" with ESMTPS id ").endsWith("\r\n\r\nover implicit TLS\r\n");
        }
    }

    @Test
    void refusesMailWith530WhenStartTlsIsRequiredAndTheClientSkipsIt() throws Exception {
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).requireStartTls(true))) {
            MimeMessage message = plainMessage(session(server.port(), new Properties()));
            message.setText("in the clear\r\n");

            SMTPSendFailedException refused = catchThrowableOfType(SMTPSendFailedException.class,
                    () -> Transport.send(message));

            assertThat(refused).as("Transport.send must fail").isNotNull();
            assertThat(refused.getReturnCode()).isEqualTo(530);
            assertThat(refused.getMessage()).contains("5.7.0 Must issue a STARTTLS command first");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    private static String line() {
        return "y".repeat(70) + "\r\n";
    }

    /** A message from sender@example.com to rcpt@example.com, to be given content. */
    private static MimeMessage plainMessage(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("sender@example.com");
        message.setRecipients(Message.RecipientType.TO, "rcpt@example.com");
        return message;
    }

    private static Session session(int port, Properties extra) {
        return session("smtp", port, extra);
    }

    /** A session whose {@code protocol} ("smtp" or "smtps") transport goes to 127.0.0.1:{@code port}. */
    private static Session session(String protocol, int port, Properties extra) {
        Properties props = new Properties();
        props.put("mail." + protocol + ".host", "127.0.0.1");
        props.put("mail." + protocol + ".port", Integer.toString(port));
        props.put("mail." + protocol + ".localhost", "client.example");
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "10000");
        props.putAll(extra);
        return Session.getInstance(props);
    }
}

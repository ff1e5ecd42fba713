package dev.inbound.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.handlers.CollectedMessage;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code lmtp}, {@code tls} and {@code auth}, with Angus Mail as the client. */
@InboundSmtp(lmtp = true, tls = true, auth = "alice:s3cret")
class ServerOptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void takesMailOverStartTlsFromAnAuthenticatedUser(TestMailServer mail) throws Exception {
        send(mail, "s3cret");

        CollectedMessage got = mail.awaitMessages(1, WAIT).get(0);
        assertThat(got.tls()).isTrue();
        assertThat(got.authenticatedUser()).contains("alice");
    }

    @Test
    void refusesAWrongPassword(TestMailServer mail) {
        assertThatThrownBy(() -> send(mail, "guess")).isInstanceOf(AuthenticationFailedException.class);
        assertThat(mail.messages()).isEmpty();
    }

    @Test
    void takesMailOverLmtp(TestMailServer mail) throws Exception {
        try (SmtpTestClient client = new SmtpTestClient(mail.host(), mail.lmtpPort()).greetLmtp()) {
            client.startData("a@example.com", "mailbox@example.com");
            assertThat(client.endData("Subject: over LMTP\r\n\r\nhi\r\n")).startsWith("250");
        }
        assertThat(mail.awaitMessages("mailbox@example.com", 1, WAIT).get(0).mimeMessage().getSubject())
                .isEqualTo("over LMTP");
    }

    private static void send(TestMailServer mail, String password) throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", mail.host());
        settings.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        settings.put("mail.smtp.starttls.required", "true");
        // the certificate is self-signed, for localhost rather than 127.0.0.1
        settings.put("mail.smtp.ssl.trust", "*");
        settings.put("mail.smtp.auth", "true");
        MimeMessage message = new MimeMessage(Session.getInstance(settings));
        message.setFrom(new InternetAddress("alice@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        message.setSubject("Signed in");
        message.setText("hi");
        Transport.send(message, "alice", password);
    }
}

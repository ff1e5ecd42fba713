package dev.inbound.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.store.StoredMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@InboundSmtp
class SignupMailTest {
    @Test
    void sendsAWelcome(TestMailServer mail) throws Exception {
        sendWelcome(mail.host(), mail.smtpPort(), "bob@example.com");

        List<StoredMessage> received = mail.awaitMessages("bob@example.com", 1, Duration.ofSeconds(5));
        assertThat(received.get(0).envelope().mailFrom()).isEqualTo("noreply@example.com");
        assertThat(received.get(0).mimeMessage().getSubject()).isEqualTo("Welcome");
    }

    @Nested
    class AfterASecondSignup {
        @Test
        void eachGetsTheirOwn(TestMailServer mail) throws Exception {
            sendWelcome(mail.host(), mail.smtpPort(), "bob@example.com");
            sendWelcome(mail.host(), mail.smtpPort(), "carol@example.com");

            assertThat(mail.awaitMessages(2, Duration.ofSeconds(5)))
                    .extracting(message -> message.envelope().rcptTos().get(0))
                    .containsExactly("bob@example.com", "carol@example.com");
        }
    }

    /** The code under test: what an application does with Angus Mail. */
    static void sendWelcome(String host, int port, String to) throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", host);
        settings.put("mail.smtp.port", Integer.toString(port));
        MimeMessage welcome = new MimeMessage(Session.getInstance(settings));
        welcome.setFrom(new InternetAddress("noreply@example.com"));
        welcome.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        welcome.setSubject("Welcome");
        welcome.setText("Glad to have you.");
        Transport.send(welcome);
    }
}

package dev.inbound.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.handlers.CollectedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@InboundSmtp
class SignupMailTest {
    @Test
    void sendsAWelcome(TestMailServer mail) throws Exception {
        WelcomeMail.send(mail.host(), mail.smtpPort(), "bob@example.com");

        List<CollectedMessage> received = mail.awaitMessages("bob@example.com", 1, Duration.ofSeconds(5));
        assertThat(received.get(0).mailFrom()).isEqualTo("noreply@example.com");
        assertThat(received.get(0).mimeMessage().getSubject()).isEqualTo("Welcome");
    }

    @Nested
    class AfterASecondSignup {
        @Test
        void eachGetsTheirOwn(TestMailServer mail) throws Exception {
            WelcomeMail.send(mail.host(), mail.smtpPort(), "bob@example.com");
            WelcomeMail.send(mail.host(), mail.smtpPort(), "carol@example.com");

            assertThat(mail.awaitMessages(2, Duration.ofSeconds(5)))
                    .extracting(message -> message.rcptTos().get(0))
                    .containsExactly("bob@example.com", "carol@example.com");
        }
    }
}

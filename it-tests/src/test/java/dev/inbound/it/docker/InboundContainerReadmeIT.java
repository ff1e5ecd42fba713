package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.docker.InboundContainer;
import dev.inbound.docker.MessageSummary;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The README's InboundContainer example, as written there, on the image of this version. */
@Testcontainers
class InboundContainerReadmeIT {
    static {
        // What the README's docker build makes: the image new InboundContainer() starts.
        InboundImage.tagAs(InboundContainer.DEFAULT_IMAGE);
    }

    @Container
    static InboundContainer inbound = new InboundContainer().withMaildir();

    @Test
    void theWelcomeMailArrives() throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", inbound.getHost());
        smtp.put("mail.smtp.port", String.valueOf(inbound.getSmtpPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom("app@example.com");
        mail.setRecipients(Message.RecipientType.TO, "new.user@example.com");
        mail.setSubject("Welcome");
        mail.setText("Hello!");
        Transport.send(mail);

        List<MessageSummary> arrived = inbound.awaitMessages("new.user@example.com", 1, Duration.ofSeconds(10));
        assertThat(arrived.get(0).subject()).isEqualTo("Welcome");
        MimeMessage received = inbound.message(arrived.get(0).id()).mimeMessage();
        assertThat(received.getContent().toString()).startsWith("Hello!");

        List<String> files = inbound.maildirMessages(); // the same message, in the Maildir
        String stored = inbound.copyFileFromContainer(files.get(0),
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(stored).contains("Subject: Welcome", "Hello!");
    }
}

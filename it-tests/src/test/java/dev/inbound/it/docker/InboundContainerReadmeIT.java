package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.docker.InboundContainer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
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

        List<String> files = inbound.maildirMessages();
        assertThat(files).hasSize(1);
        String stored = inbound.copyFileFromContainer(files.get(0),
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(stored).contains("Subject: Welcome", "Hello!");
    }
}

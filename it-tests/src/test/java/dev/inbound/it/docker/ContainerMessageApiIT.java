package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.docker.InboundContainer;
import dev.inbound.docker.MessageSummary;
import dev.inbound.docker.ReceivedMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** InboundContainer's messages(), awaitMessages(), message(id) and clear(), on the container's HTTP API. */
class ContainerMessageApiIT {
    private static InboundContainer inbound;

    @BeforeAll
    static void start() {
        inbound = InboundImage.container().withMaildir();
        inbound.start();
    }

    @AfterAll
    static void stop() {
        inbound.stop();
    }

    @BeforeEach
    void forgetEarlierMail() {
        inbound.clear();
        assertThat(inbound.messages()).isEmpty();
    }

    @Test
    void awaitMessagesAnswersWhenTheMailArrivesWhileItWaits() throws Exception {
        CompletableFuture<List<MessageSummary>> waiting = CompletableFuture.supplyAsync(
                () -> inbound.awaitMessages("late@example.com", 2, Duration.ofSeconds(30)));
        send("late@example.com", "first", "one");
        assertThat(waiting).as("one of two has arrived").isNotDone();
        send("other@example.com", "not for late", "x");
        send("late@example.com", "second", "two");
        List<MessageSummary> arrived = waiting.get(30, TimeUnit.SECONDS);
        assertThat(arrived).extracting(MessageSummary::subject).containsExactly("second", "first");
        assertThat(arrived.get(0).rcptTos()).containsExactly("late@example.com");
        assertThat(inbound.messages()).extracting(MessageSummary::subject).containsExactly("second", "not for late", "first");
    }

    @Test
    void awaitMessagesFailsNamingWhatArrivedWhenTheTimeRunsOut() throws Exception {
        send("few@example.com", "only one", "x");
        assertThatThrownBy(() -> inbound.awaitMessages("few@example.com", 2, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 2").hasMessageContaining("only one");
    }

    @Test
    void messageGivesTheBodiesAttachmentsAndTheExactBytesTheMaildirHolds() throws Exception {
        MimeMessage mail = message("full@example.com", "Grüße");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("plain text", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html</p>", "text/html; charset=UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(new byte[] {0, 1, 2, (byte) 0xff}, "application/octet-stream");
        attachment.setFileName("data.bin");
        mail.setContent(new MimeMultipart(text, html, attachment));
        Transport.send(mail);

        MessageSummary listed = inbound.awaitMessages("full@example.com", 1, Duration.ofSeconds(10)).get(0);
        ReceivedMessage received = inbound.message(listed.id());
        assertThat(received.subject()).isEqualTo("Grüße");
        assertThat(received.mailFrom()).isEqualTo("app@example.com");
        assertThat(received.text()).startsWith("plain text");
        assertThat(received.html()).contains("<p>html</p>");
        assertThat(received.attachments()).containsExactly("data.bin");
        assertThat(received.mimeMessage().getSubject()).isEqualTo("Grüße");
        assertThat(received.raw()).hasSize((int) listed.size());
        // The Maildir keeps the same bytes behind its Return-Path and Delivered-To, lines ending in LF.
        String expected = new String(received.raw(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        assertThat(inbound.maildirMessages()).map(file -> inbound.copyFileFromContainer(file,
                in -> new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)))
                .anySatisfy(stored -> assertThat(stored).endsWith(expected));
    }

    private static void send(String to, String subject, String body) throws Exception {
        MimeMessage mail = message(to, subject);
        mail.setText(body);
        Transport.send(mail);
    }

    private static MimeMessage message(String to, String subject) throws Exception {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", inbound.getHost());
        smtp.put("mail.smtp.port", String.valueOf(inbound.getSmtpPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom("app@example.com");
        mail.setRecipients(Message.RecipientType.TO, to);
        mail.setSubject(subject, "UTF-8");
        return mail;
    }
}

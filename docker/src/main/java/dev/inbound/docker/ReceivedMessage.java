package dev.inbound.docker;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * One message the container received, in full: {@code GET /api/messages/{id}} and its raw
 * bytes. {@link #mimeMessage()} parses those bytes with Jakarta Mail, for assertions on any
 * part of the message.
 *
 * <pre>{@code
 * ReceivedMessage mail = inbound.message(inbound.messages().get(0).id());
 * assertThat(mail.mimeMessage().getSubject()).isEqualTo("Welcome");
 * }</pre>
 *
 * @param id the server's id for it
 * @param received when the server accepted it
 * @param mailFrom the MAIL FROM address, empty for the null sender
 * @param rcptTos the RCPT TO addresses
 * @param subject the decoded subject, empty without one
 * @param text the first text/plain body, decoded, or null
 * @param html the first text/html body, decoded, or null
 * @param attachments the attachments' file names (null for one without), in order
 * @param raw the exact bytes received, the server's Received header first
 */
public record ReceivedMessage(String id, Instant received, String mailFrom, List<String> rcptTos, String subject,
        String text, String html, List<String> attachments, byte[] raw) {
    /** The raw bytes parsed by Jakarta Mail (Angus Mail), anew on each call. */
    public MimeMessage mimeMessage() throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }
}

package dev.inbound.smtp.handlers;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * One message as {@link CollectorHandler} kept it: the envelope and a copy of the bytes.
 *
 * @param id the server's id for the message
 * @param mailFrom the reverse-path, empty for {@code <>}
 * @param rcptTos the recipients
 * @param mailOptions the MAIL parameters
 * @param smtpUtf8 whether MAIL carried SMTPUTF8
 * @param content the message bytes, Received header included
 */
public record CollectedMessage(String id, String mailFrom, List<String> rcptTos, List<String> mailOptions,
        boolean smtpUtf8, byte[] content) {

    /** The content as text (UTF-8). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The content parsed by Angus Mail. */
    public MimeMessage mimeMessage() throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content));
    }
}

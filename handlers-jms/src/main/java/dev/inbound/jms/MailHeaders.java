package dev.inbound.jms;

import dev.inbound.smtp.MessageContent;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The Message-ID and the decoded Subject of a message, read from its header section only: at
 * most the first 64 KiB are read, so a huge message costs no more than a small one.
 *
 * @param messageId the Message-ID header as written, or {@code null}
 * @param subject   the Subject, unfolded and RFC 2047 decoded, or {@code null}
 */
record MailHeaders(String messageId, String subject) {
    private static final int HEADER_LIMIT = 64 * 1024;

    static MailHeaders of(MessageContent content) throws IOException {
        byte[] head;
        try (InputStream in = content.openStream()) {
            head = in.readNBytes(HEADER_LIMIT);
        }
        InternetHeaders headers;
        try {
            headers = new InternetHeaders(new ByteArrayInputStream(head));
        } catch (MessagingException e) {
            return new MailHeaders(null, null);
        }
        String id = headers.getHeader("Message-ID", null);
        String subject = headers.getHeader("Subject", null);
        return new MailHeaders(id == null ? null : utf8(MimeUtility.unfold(id)).strip(),
                subject == null ? null : decoded(utf8(MimeUtility.unfold(subject)).strip()));
    }

    private static String decoded(String subject) {
        try {
            return MimeUtility.decodeText(subject);
        } catch (UnsupportedEncodingException e) {
            return subject; // an unknown charset: the raw text says more than nothing
        }
    }

    /** Headers are read byte per char; an SMTPUTF8 header is UTF-8, and is decoded as such when it is. */
    private static String utf8(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }
}

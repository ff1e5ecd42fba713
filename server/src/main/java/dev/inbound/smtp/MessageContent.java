package dev.inbound.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one received message, as the client sent them after dot-unstuffing, with the
 * server's {@code Received:} header in front. Lines end in CRLF.
 *
 * <p>The content lives in the server's spool (memory, then a temporary file) and is valid only
 * while the hook that was handed it runs: a handler that keeps a message copies it.
 *
 * <pre>{@code
 * try (InputStream in = envelope.content().openStream()) {
 *     Files.copy(in, target);
 * }
 * }</pre>
 */
public interface MessageContent {
    /** The number of bytes. */
    long size();

    /** A new stream over the bytes, from the start. */
    InputStream openStream() throws IOException;

    /**
     * The message parsed by Angus Mail, on first call. The parse reads over the spool without
     * copying it into memory.
     */
    MimeMessage mimeMessage() throws IOException, MessagingException;
}

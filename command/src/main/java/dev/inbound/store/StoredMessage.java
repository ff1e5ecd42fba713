package dev.inbound.store;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * One message in a {@link MessageStore}: its id, when it arrived, its envelope and its exact
 * bytes (the server's {@code Received} header included).
 *
 * <pre>{@code
 * StoredMessage message = store.list().get(0); // the newest
 * String subject = message.headers().getHeader("Subject", null);
 * }</pre>
 */
public final class StoredMessage {
    private static final Session MAIL = Session.getInstance(new Properties());

    private final String id;
    private final Instant received;
    private final MailEnvelope envelope;
    private final byte[] raw;
    /** Parsed on first use: filters read the headers of every message, again and again. */
    private volatile InternetHeaders headers;

    StoredMessage(String id, Instant received, MailEnvelope envelope, byte[] raw) {
        this.id = Objects.requireNonNull(id);
        this.received = Objects.requireNonNull(received);
        this.envelope = Objects.requireNonNull(envelope);
        this.raw = Objects.requireNonNull(raw);
    }

    /** Short, URL-safe and never reused by its store: a larger id is a newer message. */
    public String id() {
        return id;
    }

    public Instant received() {
        return received;
    }

    public MailEnvelope envelope() {
        return envelope;
    }

    /** Size in bytes of the message as received. */
    public int size() {
        return raw.length;
    }

    /** The exact bytes, a copy. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The exact bytes, without copying them. */
    public InputStream openStream() {
        return new ByteArrayInputStream(raw);
    }

    /** The header section, parsed (values not yet decoded); shared by every caller, so not to be changed. */
    public InternetHeaders headers() {
        InternetHeaders parsed = headers;
        if (parsed == null) {
            try {
                parsed = new InternetHeaders(openStream());
            } catch (MessagingException e) {
                parsed = new InternetHeaders(); // not a header section at all: a message without headers
            }
            headers = parsed;
        }
        return parsed;
    }

    /** The message parsed by Angus Mail. */
    public MimeMessage mimeMessage() throws MessagingException {
        return new MimeMessage(MAIL, openStream());
    }

    @Override
    public String toString() {
        return "StoredMessage[" + id + ", " + raw.length + " bytes from <" + envelope.mailFrom() + ">]";
    }
}

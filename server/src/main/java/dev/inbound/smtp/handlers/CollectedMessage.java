package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Session;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One message as {@link CollectorHandler} kept it: the envelope, how the client came, and a
 * copy of the bytes.
 *
 * <pre>{@code
 * CollectedMessage got = collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
 * assertEquals(List.of("bob@example.com"), got.rcptTos());
 * assertEquals("Welcome", got.mimeMessage().getSubject());
 * }</pre>
 */
public final class CollectedMessage {
    private static final jakarta.mail.Session MAIL = jakarta.mail.Session.getInstance(new Properties());

    private final String id;
    private final String mailFrom;
    private final List<String> rcptTos;
    private final List<String> mailOptions;
    private final boolean smtpUtf8;
    private final String client;
    private final String helo;
    private final boolean tls;
    private final String authenticatedUser;
    private final byte[] content;

    CollectedMessage(Session session, Envelope envelope, byte[] content) {
        this.id = envelope.id();
        this.mailFrom = envelope.mailFrom();
        this.rcptTos = List.copyOf(envelope.rcptTos());
        this.mailOptions = List.copyOf(envelope.mailOptions());
        this.smtpUtf8 = envelope.smtpUtf8();
        this.client = session.peer() == null ? null : session.peer().getAddress().getHostAddress();
        this.helo = session.heloName();
        this.tls = session.tls().isPresent();
        this.authenticatedUser = session.authenticatedUser().orElse(null);
        this.content = content;
    }

    /** The server's id for the message, as in its {@code Received} header. */
    public String id() {
        return id;
    }

    /** The reverse-path, empty for {@code <>}. */
    public String mailFrom() {
        return mailFrom;
    }

    /** The accepted recipients, in order. */
    public List<String> rcptTos() {
        return rcptTos;
    }

    /** The MAIL parameters, such as {@code SIZE=1024}. */
    public List<String> mailOptions() {
        return mailOptions;
    }

    /** Whether MAIL carried SMTPUTF8. */
    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    /** The client's IP address as text: the original client, after a PROXY header. */
    public String client() {
        return client;
    }

    /** The name the client gave in HELO, EHLO or LHLO. */
    public String helo() {
        return helo;
    }

    /** Whether the message came over TLS. */
    public boolean tls() {
        return tls;
    }

    /** The user the client authenticated as, if it did. */
    public Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    /** The message bytes, Received header included; a copy. */
    public byte[] content() {
        return content.clone();
    }

    /** The message bytes, without copying them. */
    public InputStream openStream() {
        return new ByteArrayInputStream(content);
    }

    /** The content as text (UTF-8). */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** The content parsed by Angus Mail. */
    public MimeMessage mimeMessage() throws MessagingException {
        return new MimeMessage(MAIL, openStream());
    }

    @Override
    public String toString() {
        return "CollectedMessage[" + id + ", " + content.length + " bytes from <" + mailFrom + "> to " + rcptTos + "]";
    }
}

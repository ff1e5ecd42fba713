package dev.inbound.jms;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.MessageContent;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.TlsInfo;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Turns a received message into a {@link BytesMessage}: the raw RFC 5322 bytes as the server
 * stored them, {@code Received:} included, and the envelope as properties (see the README's
 * mapping table). A property whose value is unknown is left out, never set to {@code null}.
 */
final class MailMessages {
    /** The envelope sender; empty for the null reverse-path. */
    static final String MAIL_FROM = "SmtpMailFrom";
    /** The recipients of this JMS message, comma-separated, in RCPT order. */
    static final String RCPT_TO = "SmtpRcptTo";
    /** How many recipients {@link #RCPT_TO} lists. */
    static final String RCPT_COUNT = "SmtpRcptCount";
    static final String CLIENT_ADDRESS = "SmtpClientAddress";
    static final String HELO = "SmtpHelo";
    static final String AUTH_USER = "SmtpAuthUser";
    /** The TLS protocol and cipher suite, such as {@code TLSv1.3 TLS_AES_128_GCM_SHA256}. */
    static final String TLS = "SmtpTls";
    static final String MESSAGE_ID = "MailMessageId";
    static final String SUBJECT = "MailSubject";
    static final String SIZE = "MailSize";
    static final String INBOUND_ID = "InboundMessageId";

    /**
     * Artemis streams a message body from an {@code InputStream} set as this property, as a
     * large message in chunks: the body never sits whole in the heap.
     */
    private static final String ARTEMIS_INPUT_STREAM = "JMS_AMQ_InputStream";
    /** Below this, the body is copied into the message; it is cheaper than streaming. */
    private static final long STREAM_ABOVE = 64 * 1024;

    private MailMessages() {
    }

    /**
     * A message for {@code recipients} (all of the envelope's, or one of them in fan-out). The
     * returned stream, if not null, feeds the body and must stay open until the send returns.
     */
    static InputStream fill(BytesMessage message, Session session, Envelope envelope, List<String> recipients,
            MailHeaders headers) throws JMSException, IOException {
        MessageContent content = envelope.content();
        message.setStringProperty(MAIL_FROM, envelope.mailFrom());
        message.setStringProperty(RCPT_TO, String.join(",", recipients));
        message.setIntProperty(RCPT_COUNT, recipients.size());
        if (session.peer() != null && session.peer().getAddress() != null) {
            message.setStringProperty(CLIENT_ADDRESS, session.peer().getAddress().getHostAddress());
        }
        setIfPresent(message, HELO, session.heloName());
        setIfPresent(message, AUTH_USER, session.authenticatedUser().orElse(null));
        setIfPresent(message, TLS, session.tls().map(MailMessages::tls).orElse(null));
        setIfPresent(message, MESSAGE_ID, headers.messageId());
        setIfPresent(message, SUBJECT, headers.subject());
        message.setLongProperty(SIZE, content.size());
        message.setStringProperty(INBOUND_ID, envelope.id());
        return body(message, content);
    }

    private static InputStream body(BytesMessage message, MessageContent content) throws JMSException, IOException {
        InputStream in = content.openStream();
        if (content.size() > STREAM_ABOVE && message.getClass().getName().startsWith("org.apache.activemq.artemis.")) {
            try {
                message.setObjectProperty(ARTEMIS_INPUT_STREAM, in);
            } catch (JMSException | RuntimeException e) {
                in.close();
                throw e;
            }
            return in;
        }
        try (in) {
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                message.writeBytes(chunk, 0, n);
            }
        }
        return null;
    }

    private static String tls(TlsInfo tls) {
        return tls.protocol() + " " + tls.cipherSuite();
    }

    private static void setIfPresent(BytesMessage message, String name, String value) throws JMSException {
        if (value != null) {
            message.setStringProperty(name, value);
        }
    }
}

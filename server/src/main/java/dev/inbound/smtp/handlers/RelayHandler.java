package dev.inbound.smtp.handlers;

import dev.inbound.smtp.BodyType;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards every message to another SMTP server and answers the client with that server's
 * reply, as aiosmtpd's {@code Proxy} handler does.
 *
 * <pre>{@code
 * SmtpServer.builder().handler(new RelayHandler("mx.example", 25, Duration.ofSeconds(60))).build().start();
 * }</pre>
 *
 * <p>The message goes upstream with the client's envelope and byte for byte as received,
 * our {@code Received:} header in front. One connection is made per message. When the
 * upstream refuses the sender, any recipient or the content, nothing is sent and the client
 * gets the upstream's code and text; so a message either reaches all its recipients or the
 * client keeps it. When the upstream cannot be reached in time the client gets
 * {@code 451 4.4.1} and tries again later.
 */
public final class RelayHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final String host;
    private final int port;
    private final Duration timeout;

    /** Relays to {@code host:port}; {@code timeout} bounds the connect and every read and write. */
    public RelayHandler(String host, int port, Duration timeout) {
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.timeout = Objects.requireNonNull(timeout);
    }

    @Override
    public Reply onData(Session session, Envelope envelope) throws Exception {
        Address[] recipients = new Address[envelope.rcptTos().size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = address(envelope.rcptTos().get(i));
        }
        jakarta.mail.Session mail = jakarta.mail.Session.getInstance(properties(envelope));
        SMTPTransport transport = new SMTPTransport(mail, new URLName("smtp", host, port, null, null, null));
        try {
            transport.connect(host, port, null, null);
            // The parsed message is unmodified, so writeTo sends the spooled bytes as they are.
            transport.sendMessage(envelope.content().mimeMessage(), recipients);
            Reply reply = UpstreamReply.accepted(transport.getLastServerResponse());
            LOG.info("relayed {} to {}:{}: {}", envelope.id(), host, port, reply);
            return reply;
        } catch (MessagingException e) {
            Reply reply = UpstreamReply.rejected(e);
            if (reply == UpstreamReply.UNREACHABLE) {
                LOG.warn("relay of {} to {}:{} failed: {}", envelope.id(), host, port, e.toString());
            } else {
                LOG.info("relay of {} refused by {}:{}: {}", envelope.id(), host, port, reply);
            }
            return reply;
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("closing the connection to {}:{} failed", host, port, e);
            }
        }
    }

    private Properties properties(Envelope envelope) {
        String millis = Long.toString(timeout.toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.connectiontimeout", millis);
        properties.setProperty("mail.smtp.timeout", millis);
        properties.setProperty("mail.smtp.writetimeout", millis);
        // Angus takes the sender from here when set; "<>" goes out as it is, the null reverse-path.
        properties.setProperty("mail.smtp.from", envelope.mailFrom().isEmpty() ? "<>" : envelope.mailFrom());
        properties.setProperty("mail.mime.allowutf8", Boolean.toString(envelope.smtpUtf8()));
        if (envelope.bodyType() == BodyType.EIGHT_BIT_MIME) {
            properties.setProperty("mail.smtp.mailextension", "BODY=8BITMIME");
        }
        return properties;
    }

    private static InternetAddress address(String mailbox) {
        // No parsing: the address was accepted by our server, and goes upstream as it came.
        InternetAddress address = new InternetAddress();
        address.setAddress(mailbox);
        return address;
    }
}

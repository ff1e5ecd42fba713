package dev.inbound.jms;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each message on a Jakarta Messaging destination as a PERSISTENT {@code BytesMessage}
 * holding its raw bytes, with the envelope in properties; the 250 goes out only after the
 * broker committed it. A broker that is down, slow or refusing gets the client {@code 451
 * 4.3.0} within the timeout; the handler reconnects by itself.
 *
 * <pre>{@code
 * ConnectionFactory factory = new ActiveMQConnectionFactory("tcp://localhost:61616");
 * try (JmsHandler jms = new JmsHandler(JmsSettings.builder(factory).build())) {
 *     SmtpServer server = SmtpServer.builder().port(2525).handler(jms).build();
 *     server.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>Under SMTP the messages of one mail transaction (one per destination, or one per
 * recipient with fan-out) are committed together: all or none. Under LMTP each gets its own
 * transaction, and its recipients its reply.
 */
public final class JmsHandler implements Handler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JmsHandler.class);
    private static final Reply UNAVAILABLE = Reply.of(451, "4.3.0", "Message queue unavailable, try again later");

    private final JmsSettings settings;
    private final BrokerHealth health;
    private final SessionPool pool;
    private final Publisher publisher;
    private final AutoCloseable ownedFactory;

    /** A handler on {@code settings}; its connection factory stays the caller's to close. */
    public JmsHandler(JmsSettings settings) {
        this(settings, null);
    }

    /** As the factory makes it: {@code ownedFactory}, built for this handler, is closed with it. */
    JmsHandler(JmsSettings settings, AutoCloseable ownedFactory) {
        this.settings = settings;
        this.ownedFactory = ownedFactory;
        this.health = new BrokerHealth(settings.retryInterval());
        this.pool = new SessionPool(settings.connectionFactory(), settings.user(), settings.password());
        this.publisher = new Publisher(pool, settings.jndiDestinations(), settings.sessions());
    }

    /**
     * Not ready while the broker is known to be down. Otherwise a session is taken from the
     * pool and given back: a handler that has not connected yet connects (so a broker that was
     * never reachable is found out before the first message), and a probe that is due counts as
     * one, so that readiness comes back without waiting for a delivery that an unready server
     * would not get.
     */
    @Override
    public Optional<String> notReady() {
        if (!health.mayTry()) {
            return Optional.of("JMS broker unavailable, retrying every " + settings.retryInterval().toMillis() + " ms");
        }
        long started = System.nanoTime();
        try {
            pool.give(pool.take());
            health.succeeded();
            return Optional.empty();
        } catch (JMSException | RuntimeException e) {
            health.failed(e, started);
            return Optional.of("JMS broker unreachable: " + BrokerHealth.describe(e));
        }
    }

    /** While the broker is known to be down, a transaction is refused before its data is sent. */
    @Override
    public Reply onMail(Session session, Envelope envelope, String address, List<String> options) {
        return health.knownDown() ? UNAVAILABLE : null;
    }

    @Override
    public Reply onRcpt(Session session, Envelope envelope, String address, List<String> options) {
        if (settings.routes().destinationOf(address).isEmpty()) {
            return Reply.of(550, "5.1.1", "<" + address + "> No route for this domain");
        }
        return null;
    }

    @Override
    public Reply onData(Session session, Envelope envelope) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        return attempt(session, envelope, MailHeaders.of(envelope.content()), batches(envelope.rcptTos()), deadline);
    }

    @Override
    public List<Reply> deliver(Session session, Envelope envelope) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        MailHeaders headers = MailHeaders.of(envelope.content());
        Map<String, Reply> outcome = new LinkedHashMap<>();
        for (Publisher.Batch batch : batches(envelope.rcptTos())) {
            Reply reply = attempt(session, envelope, headers, List.of(batch), deadline);
            for (String rcpt : batch.recipients()) {
                outcome.put(rcpt, reply);
            }
        }
        List<Reply> replies = new ArrayList<>();
        for (String rcpt : envelope.rcptTos()) {
            replies.add(outcome.get(rcpt));
        }
        return replies;
    }

    /** {@code null} (250) once committed; 451 otherwise. */
    private Reply attempt(Session session, Envelope envelope, MailHeaders headers, List<Publisher.Batch> batches,
            long deadline) throws InterruptedException {
        if (!health.mayTry()) {
            return UNAVAILABLE;
        }
        long started = System.nanoTime();
        boolean brokerAnswered = false; // committed or refused: either way it works
        try {
            publisher.publish(session, envelope, headers, batches, deadline);
            brokerAnswered = true;
            return null;
        } catch (Publisher.Refused e) {
            LOG.info("{} refused by the JMS broker, answered 451: {}", envelope.id(), BrokerHealth.describe(e.getCause()));
            brokerAnswered = true;
            return UNAVAILABLE;
        } catch (JMSException | TimeoutException e) {
            LOG.debug("{} not committed: {}", envelope.id(), BrokerHealth.describe(e));
            health.failed(e, started);
            return UNAVAILABLE;
        } finally {
            if (brokerAnswered) {
                health.succeeded();
            } else {
                health.settleWithoutVerdict(); // interrupted: a probe must not stay claimed
            }
        }
    }

    /** One batch per destination, in RCPT order; with fan-out, one per recipient. */
    private List<Publisher.Batch> batches(List<String> rcpts) {
        List<Publisher.Batch> batches = new ArrayList<>();
        Map<DestinationName, List<String>> byDestination = new LinkedHashMap<>();
        for (String rcpt : rcpts) {
            DestinationName destination = settings.routes().destinationOf(rcpt).orElseThrow();
            if (settings.fanOut()) {
                batches.add(new Publisher.Batch(destination, List.of(rcpt)));
            } else {
                byDestination.computeIfAbsent(destination, d -> new ArrayList<>()).add(rcpt);
            }
        }
        byDestination.forEach((destination, list) -> batches.add(new Publisher.Batch(destination, list)));
        return batches;
    }

    /** Closes the sessions and the connection; deliveries after this get 451. */
    @Override
    public void close() {
        publisher.close();
        if (ownedFactory != null) {
            try {
                ownedFactory.close();
            } catch (Exception e) {
                LOG.debug("Closing the JMS connection factory: {}", e.toString());
            }
        }
    }
}

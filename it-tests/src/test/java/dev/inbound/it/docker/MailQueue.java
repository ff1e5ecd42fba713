package dev.inbound.it.docker;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A consumer on the host of a queue the jms handler publishes to, as the application behind
 * Inbound would be. Every message taken is acknowledged, so each is read once.
 *
 * <pre>{@code
 * try (MailQueue queue = new MailQueue(broker.connectionFactory(), "mail.in")) {
 *     List<PublishedMail> mail = queue.take(50, Duration.ofSeconds(30));
 *     assertThat(queue.nextWithin(Duration.ofSeconds(1))).isNull();   // and nothing more
 * }
 * }</pre>
 */
final class MailQueue implements AutoCloseable {
    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final MessageConsumer consumer;

    /** A consumer of {@code queue}; closing it closes {@code factory} too. */
    MailQueue(ActiveMQConnectionFactory factory, String queue) throws JMSException {
        this.factory = factory;
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        consumer = session.createConsumer(session.createQueue(queue));
        connection.start();
    }

    /** The next {@code count} messages; fails if they have not all come by {@code within}. */
    List<PublishedMail> take(int count, Duration within) throws JMSException {
        long deadline = System.nanoTime() + within.toNanos();
        List<PublishedMail> taken = new ArrayList<>();
        while (taken.size() < count) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            PublishedMail next = nextWithin(Duration.ofMillis(left));
            if (next == null) {
                throw new AssertionError("Only " + taken.size() + " of " + count + " messages on the queue within " + within);
            }
            taken.add(next);
        }
        return taken;
    }

    /** The next message, or null if none comes within {@code wait}. */
    PublishedMail nextWithin(Duration wait) throws JMSException {
        Message message = consumer.receive(Math.max(1, wait.toMillis()));
        if (message == null) {
            return null;
        }
        if (!(message instanceof BytesMessage bytes)) {
            throw new AssertionError("The jms handler publishes BytesMessages, not " + message);
        }
        return PublishedMail.of(bytes);
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}

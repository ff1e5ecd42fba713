package dev.inbound.jms;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * One pooled transacted JMS session with its anonymous producer and the destinations it has
 * resolved, on the connection of one generation.
 */
final class ProducerSlot {
    final Session session;
    final MessageProducer producer;
    final long generation;
    private final Map<DestinationName, Destination> destinations = new HashMap<>();

    ProducerSlot(Session session, long generation) throws JMSException {
        this.session = session;
        this.generation = generation;
        this.producer = session.createProducer(null);
    }

    /** {@code name} as this session's destination; JNDI names come from {@code jndi}. */
    Destination destination(DestinationName name, Map<DestinationName, Destination> jndi) throws JMSException {
        Destination known = destinations.get(name);
        if (known == null) {
            known = switch (name.kind()) {
                case QUEUE -> session.createQueue(name.name());
                case TOPIC -> session.createTopic(name.name());
                case JNDI -> jndi.get(name);
            };
            if (known == null) {
                throw new JMSException("No destination bound as " + name);
            }
            destinations.put(name, known);
        }
        return known;
    }

    void close() {
        try {
            session.close();
        } catch (JMSException | RuntimeException e) {
            // the session is discarded because it failed; its close failing too says nothing new
        }
    }
}

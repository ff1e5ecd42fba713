package dev.inbound.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One message as a consumer reads it back from the broker: its bytes and its properties.
 *
 * @param bytes      the body
 * @param properties every property, by name
 */
record ReceivedMail(byte[] bytes, Map<String, Object> properties) {

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes after the server's {@code Received:} header (and its folded lines). */
    String afterReceived() {
        String text = text();
        if (!text.startsWith("Received: ")) {
            throw new AssertionError("No Received header first: " + text.substring(0, Math.min(80, text.length())));
        }
        int at = text.indexOf("\r\n");
        while (text.charAt(at + 2) == ' ' || text.charAt(at + 2) == '\t') {
            at = text.indexOf("\r\n", at + 2);
        }
        return text.substring(at + 2);
    }

    /**
     * Reads from {@code queue} until {@code expected} messages have come, or none has come for
     * {@code quietMillis}; then waits {@code quietMillis} more to see that no extra one follows.
     */
    static List<ReceivedMail> drain(ConnectionFactory factory, String queue, int expected, long quietMillis)
            throws JMSException {
        List<ReceivedMail> received = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message m; (m = consumer.receive(received.size() < expected ? quietMillis : 500)) != null; ) {
                received.add(of((BytesMessage) m));
            }
        }
        return received;
    }

    static ReceivedMail of(BytesMessage message) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        return new ReceivedMail(message.getBody(byte[].class), properties);
    }
}

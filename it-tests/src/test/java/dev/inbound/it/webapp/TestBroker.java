package dev.inbound.it.webapp;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An ActiveMQ Artemis broker in the test JVM with a TCP acceptor on a free loopback port: the
 * broker the container's JNDI factory connects to, as a real one on another host would.
 */
final class TestBroker implements AutoCloseable {
    /** The queue the WAR's default JNDI destination names. */
    static final String QUEUE = "inbound.mail";

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final String url;

    TestBroker() throws Exception {
        url = "tcp://127.0.0.1:" + freePort();
        broker.setConfiguration(new ConfigurationImpl().setName("inbound-webapp-it").setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("tcp", url));
        broker.start();
    }

    String url() {
        return url;
    }

    /** The next message on {@link #QUEUE}: its body as text and its properties; null after {@code timeout}. */
    QueuedMail receive(Duration timeout) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
                JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = jms.createConsumer(jms.createQueue(QUEUE))) {
            Message message = consumer.receive(timeout.toMillis());
            if (message == null) {
                return null;
            }
            Map<String, Object> properties = new HashMap<>();
            for (Object name : Collections.list(message.getPropertyNames())) {
                properties.put((String) name, message.getObjectProperty((String) name));
            }
            return new QueuedMail(new String(message.getBody(byte[].class), StandardCharsets.UTF_8), properties);
        }
    }

    /** A mail as the jms handler put it on the queue. */
    record QueuedMail(String body, Map<String, Object> properties) {
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}

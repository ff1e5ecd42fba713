package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker image on its own: the host reaches it, with its login and only with it. */
class ArtemisContainerIT {
    private static final ArtemisContainer BROKER = new ArtemisContainer();

    @BeforeAll
    static void start() {
        BROKER.start();
    }

    @AfterAll
    static void stop() {
        BROKER.stop();
    }

    @Test
    void carriesAMessageFromTheHostBackToTheHost() throws Exception {
        byte[] body = "a body for the round trip".getBytes(StandardCharsets.UTF_8);
        try (ActiveMQConnectionFactory factory = BROKER.connectionFactory();
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue("it.roundtrip");
            BytesMessage sent = session.createBytesMessage();
            sent.writeBytes(body);
            session.createProducer(queue).send(sent);
            MessageConsumer consumer = session.createConsumer(queue);
            BytesMessage received = (BytesMessage) consumer.receive(10_000);
            assertThat(received).isNotNull();
            assertThat(received.getBody(byte[].class)).isEqualTo(body);
        }
    }

    @Test
    void refusesAClientWithAWrongPassword() throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(BROKER.getBrokerUrl(),
                ArtemisImage.USER, "not-" + ArtemisImage.PASSWORD)) {
            assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        }
    }
}

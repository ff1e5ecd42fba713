package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --handler jms} as the command line, the WAR and the container make it. */
class JmsHandlerFactoryTest {
    @TempDir
    Path dir;

    @Test
    void isFoundByNameThroughTheServiceLoader() {
        assertThat(HandlerFactory.named("jms")).isInstanceOf(JmsHandlerFactory.class);
    }

    @Test
    void refusesUnknownOptionsAndBadValues() {
        assertThatThrownBy(() -> new JmsHandlerFactory().create(Map.of("queue", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no option queue");
        assertThatThrownBy(() -> new JmsHandlerFactory().create(Map.of("timeout", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new JmsHandlerFactory().create(Map.of("fan-out", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fan-out");
        assertThatThrownBy(() -> new JmsHandlerFactory().create(Map.of("url", "tcp://x", "connection-factory", "cf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude");
    }

    @Test
    void readsThePasswordFromTheEnvironmentAndTheBrokerChecksIt() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startSecured(dir, "inbound", "s3cret")) {
            Map<String, String> options = Map.of("url", broker.url(), "user", "inbound", "destination", "secured",
                    "timeout", "5");
            assertThat(sendOne(new JmsHandlerFactory(Map.of()).create(options))).startsWith("451 4.3.0");
            assertThat(sendOne(new JmsHandlerFactory(Map.of(JmsHandlerFactory.PASSWORD_VARIABLE, "s3cret"))
                    .create(options))).startsWith("250");
            assertThat(ReceivedMail.drain(broker.connectionFactory("inbound", "s3cret"), "secured", 1, 5_000))
                    .hasSize(1);
        }
    }

    @Test
    void takesTheConnectionFactoryAndTheDestinationFromJndi() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir)) {
            Handler handler = new JmsHandlerFactory().create(Map.of(
                    "jndi.java.naming.factory.initial", "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory",
                    "jndi.connectionFactory.InboundFactory", broker.url(),
                    "jndi.queue.jms/mail", "from.jndi",
                    "connection-factory", "InboundFactory",
                    "destination", "jndi:jms/mail"));
            assertThat(sendOne(handler)).startsWith("250");
            assertThat(ReceivedMail.drain(broker.connectionFactory(), "from.jndi", 1, 5_000)).hasSize(1);
        }
    }

    private static String sendOne(Handler handler) throws Exception {
        try (AutoCloseable closing = (AutoCloseable) handler;
                TestServer server = new TestServer(b -> b, handler);
                SmtpTestClient client = server.client().greet()) {
            client.startData();
            return client.endData("Subject: one\r\n\r\nbody\r\n");
        }
    }
}

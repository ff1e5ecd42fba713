package dev.inbound.it.docker;

import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * An ActiveMQ Artemis broker in a container ({@link ArtemisImage}), ready once it logs that it
 * is active. On a {@link org.testcontainers.containers.Network} other containers reach it as
 * {@value #URL_ON_NETWORK}; the host through {@link #getBrokerUrl()}. It requires the login
 * {@value #USER} / {@value #PASSWORD}, so a client that gets in proves it was given them.
 *
 * <pre>{@code
 * try (Network network = Network.newNetwork();
 *      ArtemisContainer broker = new ArtemisContainer().withNetwork(network)) {
 *     broker.start();
 *     try (Connection connection = broker.connectionFactory().createConnection()) { ... }
 * }
 * }</pre>
 */
public final class ArtemisContainer extends GenericContainer<ArtemisContainer> {
    /** The acceptor of every protocol, core included. */
    public static final int PORT = 61616;
    /** The broker's name on the network. */
    public static final String ALIAS = "broker";
    public static final String URL_ON_NETWORK = "tcp://" + ALIAS + ":" + PORT;
    public static final String USER = "inbound";
    public static final String PASSWORD = "secret";

    public ArtemisContainer() {
        super(ArtemisImage.get());
        withExposedPorts(PORT);
        withEnv("ARTEMIS_USER", USER);
        withEnv("ARTEMIS_PASSWORD", PASSWORD);
        withNetworkAliases(ALIAS);
        waitingFor(Wait.forLogMessage(".*AMQ221007: Server is now active.*\\n", 1)
                .withStartupTimeout(Duration.ofMinutes(2)));
    }

    /** The broker as the host reaches it, such as {@code tcp://localhost:32768}. */
    public String getBrokerUrl() {
        return "tcp://" + getHost() + ":" + getMappedPort(PORT);
    }

    /** A factory for the host, logged in as {@value #USER}; the caller closes it. */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(getBrokerUrl(), USER, PASSWORD);
    }
}

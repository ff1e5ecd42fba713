package dev.inbound.jms;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An ActiveMQ Artemis broker in the test JVM, persistent (its journal in {@code dir}, synced),
 * with a TCP acceptor on a loopback port that stays the same across {@link #stop()} and
 * {@link #start()}: a restarted broker has every message that was committed before.
 */
final class EmbeddedBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String user;
    private final String password;
    private EmbeddedActiveMQ broker;

    private EmbeddedBroker(Path dir, int port, String user, String password) {
        this.dir = dir;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    static EmbeddedBroker start(Path dir) throws Exception {
        return startSecured(dir, null, null);
    }

    /** A broker on {@code port} of 127.0.0.1, for the benchmark. */
    static EmbeddedBroker startOn(Path dir, int port) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(dir, port, null, null);
        broker.start();
        return broker;
    }

    /**
     * A broker that lets in only {@code user} with {@code password} (any user when {@code user}
     * is null), and lets it send anywhere but to the address {@code forbidden}.
     */
    static EmbeddedBroker startSecured(Path dir, String user, String password) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        EmbeddedBroker broker = new EmbeddedBroker(dir, port, user, password);
        broker.start();
        return broker;
    }

    void start() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("inbound-test")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(user != null)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(config);
        if (user != null) {
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(user, password);
            users.addRole(user, "mail");
            embedded.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
            config.putSecurityRoles("#", java.util.Set.of(new org.apache.activemq.artemis.core.security.Role(
                    "mail", true, true, true, true, true, true, true, true, true, true, true, true)));
            // the user may read "forbidden" but not send to it
            config.putSecurityRoles("forbidden", java.util.Set.of(new org.apache.activemq.artemis.core.security.Role(
                    "mail", false, true, true, true, true, true, false, true, true, true, true, true)));
        }
        embedded.start();
        broker = embedded;
    }

    /** A clean stop: the acceptor closes, clients see their connection fail. */
    void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** The URL clients connect to, with {@code parameters} (such as {@code callTimeout=2000}) appended. */
    String url(String parameters) {
        return "tcp://127.0.0.1:" + port + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    String url() {
        return url("");
    }

    ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(url());
    }

    ActiveMQConnectionFactory connectionFactory(String login, String secret) {
        return new ActiveMQConnectionFactory(url(), login, secret);
    }

    /** Connections accepted since this start of the broker, closed or not. */
    long connectionsEverOpened() {
        return broker.getActiveMQServer().getTotalConnectionCount();
    }

    /** Sessions open now, the broker's own included. */
    int openSessions() {
        return broker.getActiveMQServer().getSessions().size();
    }

    /** How many large-message files the broker holds now. */
    long largeMessageFiles() throws IOException {
        Path large = dir.resolve("large");
        if (!Files.isDirectory(large)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(large)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".msg")).count();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}

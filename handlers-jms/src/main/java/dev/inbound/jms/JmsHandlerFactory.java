package dev.inbound.jms;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.HandlerFactory;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * {@code --handler jms}. Options:
 * <ul>
 * <li>{@code url}: the ActiveMQ Artemis broker URL, default {@code tcp://localhost:61616}; URL
 *     parameters such as {@code minLargeMessageSize} or {@code callTimeout} go to Artemis</li>
 * <li>{@code user}, {@code password}: the broker login; the password is better given as the
 *     environment variable {@code INBOUND_JMS_PASSWORD}, kept off the command line</li>
 * <li>{@code connection-factory}: a JNDI name; the factory found there is used instead of
 *     {@code url} (any provider, as in a Jakarta EE container)</li>
 * <li>{@code jndi.KEY}: {@code KEY} in the environment of the {@code InitialContext}, such as
 *     {@code jndi.java.naming.factory.initial}</li>
 * <li>{@code destination}: {@code queue:NAME} (or just {@code NAME}), {@code topic:NAME} or
 *     {@code jndi:NAME}, default {@code queue:inbound.mail}; {@code none} refuses at RCPT
 *     every recipient without a route</li>
 * <li>{@code route.DOMAIN}: the destination of recipients in {@code DOMAIN}</li>
 * <li>{@code fan-out}: {@code true} for one JMS message per recipient (default {@code false})</li>
 * <li>{@code timeout}: seconds a delivery may take before 451 4.3.0 (default 30)</li>
 * <li>{@code retry-interval}: seconds deliveries are refused at once after a failure, before
 *     the broker is tried again (default 5)</li>
 * <li>{@code sessions}: the most JMS sessions and sends at once (default 32)</li>
 * </ul>
 *
 * <pre>{@code
 * INBOUND_JMS_PASSWORD=secret inbound --handler jms \
 *     --handler-option url=tcp://broker:61616,user=inbound,destination=mail.in,route.orders.example.com=mail.orders
 * }</pre>
 */
public final class JmsHandlerFactory implements HandlerFactory {
    /** The environment variable the password is read from when the options have none. */
    public static final String PASSWORD_VARIABLE = "INBOUND_JMS_PASSWORD";

    private static final Set<String> KNOWN = Set.of("url", "user", "password", "connection-factory", "destination",
            "fan-out", "timeout", "retry-interval", "sessions");

    private final Map<String, String> environment;

    public JmsHandlerFactory() {
        this(System.getenv());
    }

    JmsHandlerFactory(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "jms";
    }

    @Override
    public String description() {
        return "put each message on a JMS queue or topic as a persistent BytesMessage (ActiveMQ Artemis, or any"
                + " provider through JNDI); options url, user, password (or INBOUND_JMS_PASSWORD),"
                + " connection-factory, jndi.KEY, destination, route.DOMAIN, fan-out, timeout, retry-interval, sessions";
    }

    @Override
    public Handler create(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>();
        Hashtable<String, Object> jndiEnvironment = new Hashtable<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            if (key.startsWith("jndi.") && key.length() > 5) {
                jndiEnvironment.put(key.substring(5), option.getValue());
            } else if (!KNOWN.contains(key) && !(key.startsWith("route.") && key.length() > 6)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Handler 'jms' has no option " + String.join(", ", unknown)
                    + "; it takes " + String.join(", ", new TreeSet<>(KNOWN)) + ", jndi.KEY and route.DOMAIN");
        }
        String user = options.get("user");
        String password = options.getOrDefault("password", environment.get(PASSWORD_VARIABLE));
        Context jndi = null;
        JmsSettings.Builder settings;
        ActiveMQConnectionFactory artemis = null;
        String jndiFactory = options.get("connection-factory");
        if (jndiFactory != null) {
            if (options.containsKey("url")) {
                throw new IllegalArgumentException("Options url and connection-factory exclude each other");
            }
            jndi = context(jndiEnvironment);
            settings = JmsSettings.builder(lookUpFactory(jndi, jndiFactory));
            if (user != null) {
                settings.credentials(user, password);
            }
        } else {
            String url = options.getOrDefault("url", "tcp://localhost:61616");
            artemis = new ActiveMQConnectionFactory(url, user, password);
            settings = JmsSettings.builder(artemis);
        }
        if (!jndiEnvironment.isEmpty() && jndi == null) {
            jndi = context(jndiEnvironment);
        }
        if (jndi != null) {
            settings.jndi(jndi);
        }
        String destination = options.getOrDefault("destination", JmsSettings.DEFAULT_DESTINATION.toString());
        settings.destination(destination.equals("none") ? null : DestinationName.parse(destination));
        options.forEach((key, value) -> {
            if (key.startsWith("route.")) {
                settings.route(key.substring(6), DestinationName.parse(value));
            }
        });
        settings.fanOut(flag(options.getOrDefault("fan-out", "false")))
                .timeout(Duration.ofSeconds(number(options, "timeout", 30)))
                .retryInterval(Duration.ofSeconds(number(options, "retry-interval", 5)))
                .sessions((int) number(options, "sessions", 32));
        return new JmsHandler(settings.build(), artemis);
    }

    private static Context context(Hashtable<String, Object> environment) {
        try {
            return new InitialContext(environment);
        } catch (NamingException e) {
            throw new IllegalArgumentException("Cannot open the JNDI context: " + e, e);
        }
    }

    private static ConnectionFactory lookUpFactory(Context jndi, String name) {
        try {
            return (ConnectionFactory) jndi.lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalArgumentException("No JMS ConnectionFactory bound in JNDI as " + name, e);
        }
    }

    private static boolean flag(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("fan-out must be true or false, not " + value);
        };
    }

    private static long number(Map<String, String> options, String key, long otherwise) {
        String value = options.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option " + key + " must be a positive whole number, not " + value);
        }
    }
}

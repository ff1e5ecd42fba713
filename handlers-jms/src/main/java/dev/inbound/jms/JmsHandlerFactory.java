package dev.inbound.jms;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * {@code --handler jms}: its options are declared below, and {@code inbound --help} lists them.
 *
 * <pre>{@code
 * INBOUND_JMS_PASSWORD=secret inbound --handler jms \
 *     --handler-option url=tcp://broker:61616,user=inbound,destination=mail.in,route.orders.example.com=mail.orders
 * }</pre>
 */
public final class JmsHandlerFactory implements HandlerFactory {
    /** The environment variable the password is read from when the options have none. */
    public static final String PASSWORD_VARIABLE = "INBOUND_JMS_PASSWORD";

    static final OptionSpec<String> URL = OptionSpec.string("url", "URL",
            "the ActiveMQ Artemis broker, such as tcp://broker:61616; URL parameters go to Artemis")
            .defaultValue("tcp://localhost:61616");
    static final OptionSpec<String> USER = OptionSpec.string("user", "USER", "the user name at the broker");
    static final OptionSpec<String> PASSWORD = OptionSpec.string("password", "PASSWORD",
            "the password at the broker (else from " + PASSWORD_VARIABLE + ")").secret();
    static final OptionSpec<String> CONNECTION_FACTORY = OptionSpec.string("connection-factory", "JNDI-NAME",
            "take the ConnectionFactory bound in JNDI under this name instead of url (any provider)");
    static final OptionSpec<String> JNDI = OptionSpec.prefixed("jndi", "KEY",
            "KEY in the environment of the JNDI InitialContext, such as jndi.java.naming.factory.initial");
    static final OptionSpec<String> DESTINATION = OptionSpec.string("destination", "queue:NAME|topic:NAME|jndi:NAME|none",
            "where recipients without a route go; none refuses them at RCPT")
            .defaultValue(JmsSettings.DEFAULT_DESTINATION.toString());
    static final OptionSpec<String> ROUTE = OptionSpec.prefixed("route", "DOMAIN",
            "the destination of recipients in DOMAIN");
    static final OptionSpec<Boolean> FAN_OUT = OptionSpec.flag("fan-out",
            "one JMS message per recipient instead of one per destination").defaultValue("false");
    static final OptionSpec<Duration> TIMEOUT = OptionSpec.seconds("timeout",
            "how long a delivery may take before 451 4.3.0").defaultValue("30");
    static final OptionSpec<Duration> RETRY_INTERVAL = OptionSpec.seconds("retry-interval",
            "after a failure, how long deliveries are refused at once before the broker is tried again")
            .defaultValue("5");
    static final OptionSpec<Integer> SESSIONS = OptionSpec.integer("sessions", 1, Integer.MAX_VALUE,
            "the most JMS sessions and sends at once").defaultValue("32");

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
                + " provider through JNDI)";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(URL, USER, PASSWORD, CONNECTION_FACTORY, JNDI, DESTINATION, ROUTE, FAN_OUT, TIMEOUT,
                RETRY_INTERVAL, SESSIONS);
    }

    @Override
    public Handler create(OptionValues options) {
        Hashtable<String, Object> jndiEnvironment = new Hashtable<>(options.prefixed(JNDI));
        String user = options.get(USER);
        String password = options.given(PASSWORD) ? options.get(PASSWORD) : environment.get(PASSWORD_VARIABLE);
        Context jndi = null;
        JmsSettings.Builder settings;
        ActiveMQConnectionFactory artemis = null;
        if (options.given(CONNECTION_FACTORY)) {
            if (options.given(URL)) {
                throw options.invalid("options url and connection-factory exclude each other");
            }
            jndi = context(jndiEnvironment);
            settings = JmsSettings.builder(lookUpFactory(jndi, options.get(CONNECTION_FACTORY)));
            if (user != null) {
                settings.credentials(user, password);
            }
        } else {
            artemis = new ActiveMQConnectionFactory(options.get(URL), user, password);
            settings = JmsSettings.builder(artemis);
        }
        if (!jndiEnvironment.isEmpty() && jndi == null) {
            jndi = context(jndiEnvironment);
        }
        if (jndi != null) {
            settings.jndi(jndi);
        }
        String destination = options.get(DESTINATION);
        settings.destination(destination.equals("none") ? null : DestinationName.parse(destination));
        options.prefixed(ROUTE).forEach((domain, value) -> settings.route(domain, DestinationName.parse(value)));
        settings.fanOut(options.get(FAN_OUT))
                .timeout(options.get(TIMEOUT))
                .retryInterval(options.get(RETRY_INTERVAL))
                .sessions(options.get(SESSIONS));
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
}

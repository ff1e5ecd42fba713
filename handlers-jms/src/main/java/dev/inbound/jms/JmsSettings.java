package dev.inbound.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Everything the JMS handler is configured with.
 *
 * <pre>{@code
 * ConnectionFactory factory = new ActiveMQConnectionFactory("tcp://broker:61616", "inbound", secret);
 * JmsSettings settings = JmsSettings.builder(factory)
 *         .destination(DestinationName.queue("mail.in"))
 *         .route("orders.example.com", DestinationName.queue("mail.orders"))
 *         .timeout(Duration.ofSeconds(10)).build();
 * SmtpServer.builder().handler(new JmsHandler(settings)).build().start();
 * }</pre>
 *
 * @param connectionFactory where connections come from
 * @param user              for {@code createConnection(user, password)}; {@code null} to call
 *                          {@code createConnection()}
 * @param password          the password of {@code user}
 * @param routes            recipient to destination
 * @param jndiDestinations  the destinations named {@code jndi:NAME}, looked up once at build
 * @param fanOut            one JMS message per recipient instead of one per destination
 * @param timeout           the most a delivery may take (connecting, sending, committing) before 451
 * @param retryInterval     after a failure, how long deliveries are refused at once before the broker is tried again
 * @param sessions          the most sessions open at once, and sends in flight
 */
public record JmsSettings(ConnectionFactory connectionFactory, String user, String password, DomainRoutes routes,
        Map<DestinationName, Destination> jndiDestinations, boolean fanOut, Duration timeout, Duration retryInterval,
        int sessions) {

    /** Where mail goes when nothing else is said. */
    public static final DestinationName DEFAULT_DESTINATION = DestinationName.queue("inbound.mail");

    public JmsSettings {
        Objects.requireNonNull(connectionFactory);
        Objects.requireNonNull(routes);
        jndiDestinations = Map.copyOf(jndiDestinations);
    }

    public static Builder builder(ConnectionFactory connectionFactory) {
        return new Builder(connectionFactory);
    }

    /** Collects the settings; all have defaults. */
    public static final class Builder {
        private final ConnectionFactory connectionFactory;
        private String user;
        private String password;
        private DestinationName destination = DEFAULT_DESTINATION;
        private final Map<String, DestinationName> routes = new HashMap<>();
        private boolean fanOut;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration retryInterval = Duration.ofSeconds(5);
        private int sessions = 32;
        private Context jndi;

        private Builder(ConnectionFactory connectionFactory) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory);
        }

        /** Connect as {@code user}; for providers whose factory does not carry the credentials. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Where recipients without a route go; {@code null} refuses them at RCPT (default {@code queue:inbound.mail}). */
        public Builder destination(DestinationName name) {
            destination = name;
            return this;
        }

        /** Recipients in {@code domain} go to {@code name}. */
        public Builder route(String domain, DestinationName name) {
            routes.put(domain, Objects.requireNonNull(name));
            return this;
        }

        public Builder fanOut(boolean onePerRecipient) {
            fanOut = onePerRecipient;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = positive("timeout", value);
            return this;
        }

        public Builder retryInterval(Duration value) {
            retryInterval = positive("retry interval", value);
            return this;
        }

        public Builder sessions(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("sessions must be at least 1, not " + count);
            }
            sessions = count;
            return this;
        }

        /** The naming context {@code jndi:} destinations are looked up in (default {@code new InitialContext()}). */
        public Builder jndi(Context context) {
            jndi = context;
            return this;
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /** The settings; looks up the {@code jndi:} destinations now, so that a wrong name fails at start. */
        public JmsSettings build() {
            DomainRoutes table = destination == null ? DomainRoutes.routedOnly() : DomainRoutes.to(destination);
            List<DestinationName> names = new ArrayList<>(routes.values());
            if (destination != null) {
                names.add(destination);
            }
            for (Map.Entry<String, DestinationName> route : routes.entrySet()) {
                table = table.with(route.getKey(), route.getValue());
            }
            return new JmsSettings(connectionFactory, user, password, table, lookUp(names), fanOut, timeout,
                    retryInterval, sessions);
        }

        private Map<DestinationName, Destination> lookUp(List<DestinationName> names) {
            Map<DestinationName, Destination> found = new HashMap<>();
            for (DestinationName name : names) {
                if (name.kind() != DestinationName.Kind.JNDI || found.containsKey(name)) {
                    continue;
                }
                try {
                    if (jndi == null) {
                        jndi = new InitialContext();
                    }
                    found.put(name, (Destination) jndi.lookup(name.name()));
                } catch (NamingException | ClassCastException e) {
                    throw new IllegalArgumentException("No JMS destination bound in JNDI as " + name.name(), e);
                }
            }
            return found;
        }
    }
}

package dev.inbound.jms;

import java.util.Locale;
import java.util.Objects;

/**
 * Where messages go, as users write it: {@code queue:NAME}, {@code topic:NAME}, {@code jndi:NAME}
 * (a {@code Destination} bound in JNDI, as in a Jakarta EE container), or a bare {@code NAME}
 * for a queue.
 *
 * <pre>{@code
 * DestinationName orders = DestinationName.parse("topic:mail.orders");
 * }</pre>
 *
 * @param kind what the name names
 * @param name the provider's queue or topic name, or the JNDI name
 */
public record DestinationName(Kind kind, String name) {
    /** How a name becomes a {@code Destination}. */
    public enum Kind {
        QUEUE, TOPIC, JNDI
    }

    public DestinationName {
        Objects.requireNonNull(kind);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A destination needs a name");
        }
    }

    public static DestinationName queue(String name) {
        return new DestinationName(Kind.QUEUE, name);
    }

    public static DestinationName topic(String name) {
        return new DestinationName(Kind.TOPIC, name);
    }

    /** {@code queue:NAME}, {@code topic:NAME}, {@code jndi:NAME} or {@code NAME} (a queue). */
    public static DestinationName parse(String text) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = text.substring(colon + 1);
            switch (prefix) {
                case "queue" -> { return new DestinationName(Kind.QUEUE, rest); }
                case "topic" -> { return new DestinationName(Kind.TOPIC, rest); }
                case "jndi" -> { return new DestinationName(Kind.JNDI, rest); }
                default -> { }
            }
        }
        return new DestinationName(Kind.QUEUE, text);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}

package dev.inbound.smtp;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Makes a named handler from string options, for the command line, the WAR and the container.
 * Factories are found with {@link ServiceLoader}: list yours in
 * {@code META-INF/services/dev.inbound.smtp.HandlerFactory}.
 *
 * <pre>{@code
 * Handler relay = HandlerFactory.named("relay").create(Map.of("host", "mx.example", "port", "25"));
 * }</pre>
 */
public interface HandlerFactory {
    /** The name users give, such as {@code console}. */
    String name();

    /** One line on what the handler does and which options it takes. */
    String description();

    /** A new handler; throws {@link IllegalArgumentException} for a bad or missing option. */
    Handler create(Map<String, String> options);

    /** Every factory on the class path, by name. */
    static Map<String, HandlerFactory> available() {
        Map<String, HandlerFactory> byName = new TreeMap<>();
        for (HandlerFactory factory : ServiceLoader.load(HandlerFactory.class)) {
            byName.putIfAbsent(factory.name(), factory);
        }
        return byName;
    }

    /** The factory called {@code name}; throws {@link IllegalArgumentException} if there is none. */
    static HandlerFactory named(String name) {
        HandlerFactory factory = available().get(name);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "No handler named '" + name + "'; available: " + String.join(", ", available().keySet()));
        }
        return factory;
    }
}

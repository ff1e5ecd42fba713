package dev.inbound.smtp;

import java.util.Map;

/**
 * Makes a named handler from string options, for the command line, the WAR and the container.
 * Factories are found with {@link java.util.ServiceLoader}: list yours in
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

    /**
     * Every factory on the class path that loads, by name. One that cannot load (the {@code jms}
     * factory in a container without the Jakarta Messaging API, say) is left out, not fatal.
     */
    static Map<String, HandlerFactory> available() {
        return HandlerFactories.load().byName();
    }

    /**
     * The factory called {@code name}; throws {@link IllegalArgumentException} if there is none,
     * naming the factories that could not be loaded and why.
     */
    static HandlerFactory named(String name) {
        HandlerFactories found = HandlerFactories.load();
        HandlerFactory factory = found.byName().get(name);
        if (factory == null) {
            throw new IllegalArgumentException("No handler named '" + name + "'; available: "
                    + String.join(", ", found.byName().keySet()) + found.failuresText());
        }
        return factory;
    }
}

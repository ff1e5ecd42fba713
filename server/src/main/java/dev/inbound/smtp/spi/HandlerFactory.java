package dev.inbound.smtp.spi;

import dev.inbound.smtp.Handler;
import java.util.List;
import java.util.Map;

/**
 * Makes a named handler from its options, for the command line, the WAR and the container.
 * A factory declares its options once, in {@link #options()}; hosts make flags, help,
 * environment variables and checks from them, and hand {@link #create} values already checked.
 * Factories are found with {@link java.util.ServiceLoader}: list yours in
 * {@code META-INF/services/dev.inbound.smtp.spi.HandlerFactory} (and {@code provides} it in
 * your {@code module-info}).
 *
 * <pre>{@code
 * public final class AuditHandlerFactory implements HandlerFactory {
 *     static final OptionSpec<Path> LOG = OptionSpec.path("log", "the file to append to").required();
 *
 *     public String name() { return "audit"; }
 *     public String description() { return "append each envelope to a file"; }
 *     public List<OptionSpec<?>> options() { return List.of(LOG); }
 *     public Handler create(OptionValues options) { return new AuditHandler(options.get(LOG)); }
 * }
 *
 * Handler relay = HandlerFactory.named("relay").create(Map.of("host", "mx.example", "port", "25"));
 * }</pre>
 */
public interface HandlerFactory {
    /** The name users give, such as {@code console}: lower case letters, digits and dashes. */
    String name();

    /** One line on what the handler does. */
    String description();

    /** The options it takes; none by default. */
    default List<OptionSpec<?>> options() {
        return List.of();
    }

    /** A new handler from checked options; throws {@link IllegalArgumentException} for values that do not go together. */
    Handler create(OptionValues options);

    /** A new handler from options as text, checked against {@link #options()} first. */
    default Handler create(Map<String, String> options) {
        return create(OptionValues.parse("handler '" + name() + "'", options(), options));
    }

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

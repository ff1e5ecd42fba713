package dev.inbound.smtp.spi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * The {@link HandlerFactory} providers of the context class loader, and those that failed to
 * load. A web application's class path may list a factory whose dependencies the container
 * lacks (the {@code jms} factory without the Jakarta Messaging API), or one loaded by another
 * class loader; {@link ServiceLoader} then throws for that provider alone and goes on with the
 * next, so the other handlers stay usable.
 */
record HandlerFactories(Map<String, HandlerFactory> byName, List<String> failures) {
    /** ServiceLoader skips a failed provider; this bounds the loop should some loader not. */
    private static final int MAX_FAILURES = 64;

    static HandlerFactories load() {
        Map<String, HandlerFactory> byName = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Iterator<HandlerFactory> providers = ServiceLoader.load(HandlerFactory.class).iterator();
        while (failures.size() < MAX_FAILURES) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                HandlerFactory factory = providers.next();
                byName.putIfAbsent(factory.name(), factory);
            } catch (ServiceConfigurationError | LinkageError e) {
                // The failing provider is consumed; the iterator goes on with the next one.
                String failure = e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
                // Not a static logger: the command sets up logging after it has read the options, which lists factories.
                LoggerFactory.getLogger(HandlerFactory.class).debug("Handler factory left out: {}", failure);
                failures.add(failure);
            }
        }
        return new HandlerFactories(byName, List.copyOf(failures));
    }

    /** {@code "; could not load: ..."}, or nothing when every provider loaded. */
    String failuresText() {
        return failures.isEmpty() ? "" : "; could not load: " + String.join("; ", failures);
    }
}

package dev.inbound.smtp.config;

import java.util.Map;

/**
 * Where a host adds handler options of its own before each handler is made: a servlet
 * container gives the {@code jms} handler the broker bound in JNDI unless one is configured.
 *
 * <pre>{@code
 * HandlerDefaults jndi = (handler, options) -> handler.equals("jms") && !options.containsKey("url")
 *         ? Map.of("connection-factory", "java:comp/env/jms/ConnectionFactory") : options;
 * }</pre>
 */
@FunctionalInterface
public interface HandlerDefaults {
    /** Leaves every handler's options as configured. */
    HandlerDefaults NONE = (handler, options) -> options;

    /** The options to make handler {@code handler} with, given {@code options} as configured. */
    Map<String, String> complete(String handler, Map<String, String> options);
}

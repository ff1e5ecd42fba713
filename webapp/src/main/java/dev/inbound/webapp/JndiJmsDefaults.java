package dev.inbound.webapp;

import dev.inbound.smtp.config.HandlerDefaults;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * In a container the {@code jms} handler takes its broker from JNDI: unless the options name a
 * broker ({@code url}, {@code connection-factory}), the {@code ConnectionFactory} is the one
 * bound as {@code java:comp/env/jms/ConnectionFactory} and, unless a {@code destination} is
 * given, messages go to the {@code Destination} bound as {@code java:comp/env/jms/Mail}. The
 * container binds them: Tomcat from {@code <Resource>} elements of {@code context.xml}, Jetty
 * from {@code Resource}s with a resource-ref in an override descriptor.
 *
 * <p>The handler looks both up when it is made, on the thread that starts the application:
 * {@code java:comp/env} answers only there, not on the server's own threads.
 */
final class JndiJmsDefaults implements HandlerDefaults {
    static final String CONNECTION_FACTORY = "java:comp/env/jms/ConnectionFactory";
    static final String DESTINATION = "java:comp/env/jms/Mail";

    @Override
    public Map<String, String> complete(String handler, Map<String, String> options) {
        if (!handler.equals("jms") || options.containsKey("url") || options.containsKey("connection-factory")) {
            return options;
        }
        Map<String, String> completed = new LinkedHashMap<>(options);
        completed.put("connection-factory", CONNECTION_FACTORY);
        completed.putIfAbsent("destination", "jndi:" + DESTINATION);
        return completed;
    }
}

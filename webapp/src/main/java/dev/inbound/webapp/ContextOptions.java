package dev.inbound.webapp;

import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code inbound} command's options given as context parameters: {@code inbound.listen}
 * is {@code --listen}, {@code inbound.handler-option} is {@code --handler-option}, and so on.
 * They win over {@code INBOUND_*} environment variables, as the command line does in the
 * command: a context parameter belongs to this one application, a variable to the whole
 * container. Other context parameters are not Inbound's and are left alone.
 */
final class ContextOptions {
    static final String PREFIX = "inbound.";

    private ContextOptions() {
    }

    /** {@code inbound.size=10M} → {@code size=10M}. */
    static Map<String, String> from(ServletContext context) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (name.startsWith(PREFIX)) {
                options.put(name.substring(PREFIX.length()), context.getInitParameter(name).strip());
            }
        }
        return options;
    }
}

package dev.inbound.smtp.handlers;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks the string options a {@link dev.inbound.smtp.HandlerFactory} is given. */
final class HandlerOptions {
    private HandlerOptions() {
    }

    /** Fails on any option not in {@code known}, so that a typo is not silently ignored. */
    static void requireKnown(String handler, Map<String, String> options, String... known) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(Set.of(known));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Handler '" + handler + "' has no option " + String.join(", ", unknown)
                    + (known.length == 0 ? "; it takes none" : "; it takes " + String.join(", ", known)));
        }
    }
}

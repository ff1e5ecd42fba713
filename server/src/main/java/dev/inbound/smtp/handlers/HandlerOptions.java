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

    /** The value of option {@code key}; fails with a message naming it when it is missing or blank. */
    static String required(String handler, Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Handler '" + handler + "' needs option " + key);
        }
        return value;
    }

    /** Option {@code key} as a whole number from {@code min} to {@code max}, or {@code otherwise} if absent. */
    static int integer(String handler, Map<String, String> options, String key, int otherwise, int min, int max) {
        String value = options.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException("Handler '" + handler + "' option " + key + " must be a whole number from "
                + min + " to " + max + ": " + value);
    }
}

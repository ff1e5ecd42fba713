package dev.inbound.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of {@code --handler}: one handler name, or several separated by commas, asked in
 * that order ({@code maildir,store}). A handler option {@code NAME.KEY=VALUE} whose {@code NAME}
 * is one of them goes to that handler as {@code KEY}; any other option goes to the first handler,
 * so that options written for a single handler keep their meaning when more are added.
 *
 * <pre>{@code
 * HandlerChain chain = HandlerChain.parse("maildir,store");
 * chain.optionsFor("store", Map.of("root", "/var/mail", "store.max-messages", "50")); // {max-messages=50}
 * }</pre>
 *
 * @param names the handler names, in order, each once
 */
record HandlerChain(List<String> names) {
    private static final String STORE = "store";

    static HandlerChain parse(String value) {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--handler has an empty name: '" + value + "'");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("--handler names " + name + " twice: '" + value + "'");
            }
            names.add(name);
        }
        return new HandlerChain(List.copyOf(names));
    }

    boolean hasStore() {
        return names.contains(STORE);
    }

    /** This chain with the {@code store} handler last, for the HTTP API to read from. */
    HandlerChain withStore() {
        if (hasStore()) {
            return this;
        }
        List<String> more = new ArrayList<>(names);
        more.add(STORE);
        return new HandlerChain(List.copyOf(more));
    }

    /** The options in {@code all} that belong to handler {@code name}, without their {@code NAME.} prefix. */
    Map<String, String> optionsFor(String name, Map<String, String> all) {
        Map<String, String> mine = new LinkedHashMap<>();
        all.forEach((key, value) -> {
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? null : key.substring(0, dot);
            if (prefix != null && names.contains(prefix)) {
                if (prefix.equals(name)) {
                    mine.put(key.substring(dot + 1), value);
                }
            } else if (name.equals(names.get(0))) {
                mine.put(key, value);
            }
        });
        return mine;
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}

package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.HandlerFactory;
import dev.inbound.store.MessageStore;
import java.util.Map;

/** {@code --handler store}: options {@code max-messages} (default 1000) and {@code max-size} in bytes (default 256 MiB). */
public final class StoreHandlerFactory implements HandlerFactory {
    static final String MAX_MESSAGES = "max-messages";
    static final String MAX_SIZE = "max-size";

    @Override
    public String name() {
        return "store";
    }

    @Override
    public String description() {
        return "keep the latest messages in memory for the HTTP API; options max-messages, max-size (bytes)";
    }

    @Override
    public Handler create(Map<String, String> options) {
        HandlerOptions.requireKnown(name(), options, MAX_MESSAGES, MAX_SIZE);
        int maxMessages = HandlerOptions.integer(name(), options, MAX_MESSAGES, MessageStore.DEFAULT_MAX_MESSAGES, 1,
                1_000_000);
        long maxBytes = maxSize(options.get(MAX_SIZE));
        return new StoreHandler(new MessageStore(maxMessages, maxBytes));
    }

    private long maxSize(String value) {
        if (value == null) {
            return MessageStore.DEFAULT_MAX_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.trim());
            if (bytes >= 1) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Handler '" + name() + "' option " + MAX_SIZE
                + " must be a whole number of bytes, at least 1: " + value);
    }
}

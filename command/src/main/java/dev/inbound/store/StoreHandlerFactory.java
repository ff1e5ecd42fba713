package dev.inbound.store;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.util.List;

/** {@code --handler store}: options {@code max-messages} (default 1000) and {@code max-size} (default 256M). */
public final class StoreHandlerFactory implements HandlerFactory {
    static final OptionSpec<Integer> MAX_MESSAGES = OptionSpec.integer("max-messages", 1, 1_000_000,
            "messages kept for the HTTP API, the oldest evicted first")
            .defaultValue(Integer.toString(MessageStore.DEFAULT_MAX_MESSAGES));
    static final OptionSpec<Long> MAX_SIZE = OptionSpec.bytes("max-size",
            "bytes kept for the HTTP API, the oldest messages evicted first").defaultValue("256M");

    @Override
    public String name() {
        return "store";
    }

    @Override
    public String description() {
        return "keep the latest messages in memory for the HTTP API";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(MAX_MESSAGES, MAX_SIZE);
    }

    @Override
    public Handler create(OptionValues options) {
        long maxBytes = options.get(MAX_SIZE);
        if (maxBytes < 1) {
            throw options.invalid("option max-size must be at least 1 byte");
        }
        return new StoreHandler(new MessageStore(options.get(MAX_MESSAGES), maxBytes));
    }
}

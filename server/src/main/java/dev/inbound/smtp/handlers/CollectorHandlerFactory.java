package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionValues;

/** {@code --handler collector}. */
public final class CollectorHandlerFactory implements HandlerFactory {
    @Override
    public String name() {
        return "collector";
    }

    @Override
    public String description() {
        return "keep every message in memory, for tests";
    }

    @Override
    public Handler create(OptionValues options) {
        return new CollectorHandler();
    }
}

package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionValues;

/** {@code --handler sink}. */
public final class SinkHandlerFactory implements HandlerFactory {
    @Override
    public String name() {
        return "sink";
    }

    @Override
    public String description() {
        return "accept every message and discard it";
    }

    @Override
    public Handler create(OptionValues options) {
        return new SinkHandler();
    }
}

package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.HandlerFactory;
import java.util.Map;

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
    public Handler create(Map<String, String> options) {
        HandlerOptions.requireKnown(name(), options);
        return new SinkHandler();
    }
}

package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.HandlerFactory;
import java.time.Duration;
import java.util.Map;

/** {@code --handler relay}, options {@code host} (required), {@code port} (default 25), {@code timeout} in seconds (default 60). */
public final class RelayHandlerFactory implements HandlerFactory {
    @Override
    public String name() {
        return "relay";
    }

    @Override
    public String description() {
        return "forward every message to another SMTP server; options host (required), port (default 25),"
                + " timeout in seconds (default 60)";
    }

    @Override
    public Handler create(Map<String, String> options) {
        HandlerOptions.requireKnown(name(), options, "host", "port", "timeout");
        return new RelayHandler(HandlerOptions.required(name(), options, "host"),
                HandlerOptions.integer(name(), options, "port", 25, 1, 65535),
                Duration.ofSeconds(HandlerOptions.integer(name(), options, "timeout", 60, 1, 86_400)));
    }
}

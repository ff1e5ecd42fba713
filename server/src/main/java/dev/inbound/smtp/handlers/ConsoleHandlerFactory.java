package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.HandlerFactory;
import java.util.Map;

/** {@code --handler console}, option {@code stream=stdout|stderr} (default stdout). */
public final class ConsoleHandlerFactory implements HandlerFactory {
    @Override
    public String name() {
        return "console";
    }

    @Override
    public String description() {
        return "print every message; option stream=stdout|stderr (default stdout)";
    }

    @Override
    public Handler create(Map<String, String> options) {
        HandlerOptions.requireKnown(name(), options, "stream");
        String stream = options.getOrDefault("stream", "stdout");
        return switch (stream) {
            case "stdout" -> new ConsoleHandler(System.out);
            case "stderr" -> new ConsoleHandler(System.err);
            default -> throw new IllegalArgumentException(
                    "Handler 'console' option stream must be stdout or stderr: " + stream);
        };
    }
}

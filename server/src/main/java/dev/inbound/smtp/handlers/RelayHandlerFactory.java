package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.time.Duration;
import java.util.List;

/** {@code --handler relay}, options {@code host} (required), {@code port} (default 25), {@code timeout} in seconds (default 60). */
public final class RelayHandlerFactory implements HandlerFactory {
    static final OptionSpec<String> HOST = OptionSpec.string("host", "HOST", "the SMTP server to forward to").required();
    static final OptionSpec<Integer> PORT = OptionSpec.integer("port", 1, 65535, "its port").defaultValue("25");
    static final OptionSpec<Duration> TIMEOUT = OptionSpec.seconds("timeout", "how long it may take over each step")
            .defaultValue("60");

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public String description() {
        return "forward every message to another SMTP server";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(HOST, PORT, TIMEOUT);
    }

    @Override
    public Handler create(OptionValues options) {
        return new RelayHandler(options.get(HOST), options.get(PORT), options.get(TIMEOUT));
    }
}

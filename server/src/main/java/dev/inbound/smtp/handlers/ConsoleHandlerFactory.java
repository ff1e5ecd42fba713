package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --handler console}, option {@code stream=stdout|stderr} (default stdout). */
public final class ConsoleHandlerFactory implements HandlerFactory {
    static final OptionSpec<PrintStream> STREAM = OptionSpec.choice("stream", "where to print", streams())
            .defaultValue("stdout");

    private static Map<String, PrintStream> streams() {
        Map<String, PrintStream> streams = new LinkedHashMap<>();
        streams.put("stdout", System.out);
        streams.put("stderr", System.err);
        return streams;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String description() {
        return "print every message";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(STREAM);
    }

    @Override
    public Handler create(OptionValues options) {
        return new ConsoleHandler(options.get(STREAM));
    }
}

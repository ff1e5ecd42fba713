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
    /** Names, not streams: System.out is read when the handler is made, as a host may have replaced it. */
    static final OptionSpec<Boolean> STREAM = OptionSpec.choice("stream", "where to print", streams())
            .label("stdout|stderr").defaultValue("stdout");

    private static Map<String, Boolean> streams() {
        Map<String, Boolean> toStderr = new LinkedHashMap<>();
        toStderr.put("stdout", false);
        toStderr.put("stderr", true);
        return toStderr;
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
        PrintStream stream = options.get(STREAM) ? System.err : System.out;
        return new ConsoleHandler(stream);
    }
}

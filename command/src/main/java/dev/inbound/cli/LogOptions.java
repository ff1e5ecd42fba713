package dev.inbound.cli;

import ch.qos.logback.classic.LoggerContext;
import dev.inbound.smtp.config.OptionSection;
import dev.inbound.smtp.config.ServerConfiguration;
import dev.inbound.smtp.spi.OptionSpec;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How the command logs. Logback reads these as system properties when it starts (see
 * {@code inbound-cli-logback.xml}), so they are set after the options are read and before the
 * first logger exists.
 */
final class LogOptions {
    /** How the log lines look: for people, or for log shippers. */
    enum Format { TEXT, JSON }

    static final OptionSpec<Boolean> DEBUG = OptionSpec.flag("debug", "Log protocol detail.").defaultValue("false");
    static final OptionSpec<Format> FORMAT = OptionSpec.choice("log-format",
            "Log lines as text, or as one JSON object a line for log shippers.", Format.class).defaultValue("text");
    static final OptionSection SECTION = new OptionSection("Logging", List.of(DEBUG, FORMAT));

    private static final String LEVEL_PROPERTY = "inbound.log.level";
    private static final String FORMAT_PROPERTY = "inbound.log.format";

    private LogOptions() {
    }

    /**
     * Writes out the lines the command's asynchronous appender still holds and stops logging:
     * the last thing before the JVM exits, else those lines would die with its daemon thread.
     * A host with another SLF4J binding has nothing to flush.
     */
    static void flush() {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.stop();
            }
        } catch (LinkageError noLogback) {
            // Logback is optional for the command: another binding flushes in its own way.
        }
    }

    static void apply(ServerConfiguration configuration) {
        if (configuration.get(DEBUG)) {
            System.setProperty(LEVEL_PROPERTY, "DEBUG");
        }
        if (configuration.given(FORMAT)) {
            System.setProperty(FORMAT_PROPERTY, configuration.get(FORMAT).name().toLowerCase(Locale.ROOT));
        }
    }
}

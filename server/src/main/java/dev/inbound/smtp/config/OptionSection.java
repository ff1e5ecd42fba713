package dev.inbound.smtp.config;

import dev.inbound.smtp.spi.OptionSpec;
import java.util.List;

/**
 * Options that belong together, under a title, as {@code --help} shows them: the server's own
 * ({@code TLS}, {@code AUTH}, ...) and one section per handler.
 *
 * <pre>{@code
 * for (OptionSection section : ServerConfiguration.sections()) {
 *     System.out.println(section.title() + ": " + section.options());
 * }
 * }</pre>
 *
 * @param title what the options are about, such as {@code TLS} or {@code Handler jms}
 * @param options the options, in the order help lists them
 */
public record OptionSection(String title, List<OptionSpec<?>> options) {
    public OptionSection {
        options = List.copyOf(options);
    }
}

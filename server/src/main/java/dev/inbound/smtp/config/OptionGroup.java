package dev.inbound.smtp.config;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionValues;
import java.util.List;

/** Server options about one thing (TLS, AUTH, ...): what they are, and what they do to the builder. */
interface OptionGroup {
    List<OptionSection> sections();

    /**
     * Hands {@code values} to {@code builder}, after the checks of options that go together;
     * throws {@link IllegalArgumentException} naming the options as users write them.
     */
    void applyTo(OptionValues values, SmtpServer.Builder builder);
}

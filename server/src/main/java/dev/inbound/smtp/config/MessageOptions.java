package dev.inbound.smtp.config;

import dev.inbound.smtp.BareNewlinePolicy;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.nio.file.Path;
import java.util.List;

/** What a message may be, and what the server does to it on the way in. */
final class MessageOptions implements OptionGroup {
    static final OptionSpec<Long> SIZE = OptionSpec.bytes("size",
            "Largest message, with K, M or G for KiB, MiB, GiB; 0 for no limit.").defaultValue("32M");
    static final OptionSpec<Integer> MAX_RECIPIENTS = OptionSpec.integer("max-recipients", 1, Integer.MAX_VALUE,
            "Recipients per message.").label("COUNT").defaultValue("1000");
    static final OptionSpec<Boolean> SMTPUTF8 = OptionSpec.flag("smtputf8",
            "Offer SMTPUTF8, for international addresses.").defaultValue("true");
    static final OptionSpec<BareNewlinePolicy> BARE_NEWLINE = OptionSpec.choice("bare-newline",
            "What a bare CR or LF in a message leads to: store it as CRLF, or refuse the message.",
            BareNewlinePolicy.class).defaultValue("normalize");
    static final OptionSpec<Boolean> RECEIVED_HEADER = OptionSpec.flag("received-header",
            "Put a Received header in front of each message.").defaultValue("true");
    static final OptionSpec<Path> SPOOL_DIR = OptionSpec.path("spool-dir",
            "Where messages too big for memory go (default the temp dir).").label("DIR");
    static final OptionSpec<Long> SPOOL_THRESHOLD = OptionSpec.bytes("spool-threshold",
            "Bytes of a message held in memory before the rest goes to a file.").defaultValue("256K");

    @Override
    public List<OptionSection> sections() {
        return List.of(new OptionSection("Messages",
                List.of(SIZE, MAX_RECIPIENTS, SMTPUTF8, BARE_NEWLINE, RECEIVED_HEADER, SPOOL_DIR, SPOOL_THRESHOLD)));
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        builder.maxMessageSize(values.get(SIZE))
                .maxRecipients(values.get(MAX_RECIPIENTS))
                .smtpUtf8(values.get(SMTPUTF8))
                .bareNewline(values.get(BARE_NEWLINE))
                .receivedHeader(values.get(RECEIVED_HEADER));
        Path spoolDir = values.get(SPOOL_DIR);
        if (spoolDir != null) {
            builder.spoolDirectory(spoolDir);
        }
        long threshold = values.get(SPOOL_THRESHOLD);
        if (threshold > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--spool-threshold must be less than 2G: " + threshold);
        }
        builder.spoolThreshold((int) threshold);
    }
}

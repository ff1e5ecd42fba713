package dev.inbound.maildir;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --handler maildir}: its options are declared below, and {@code inbound --help} lists
 * them.
 *
 * <pre>{@code
 * inbound --handler maildir --handler-option root=/var/mail,mode=per-recipient,fsync=batched
 * }</pre>
 */
public final class MaildirHandlerFactory implements HandlerFactory {
    /** How recipients map to mailboxes. */
    enum Mode { SINGLE, PER_RECIPIENT, MAP }

    static final OptionSpec<Path> ROOT = OptionSpec.path("root",
            "the Maildir (mode single) or the directory of the mailboxes").required();
    static final OptionSpec<Mode> MODE = OptionSpec.choice("mode",
            "one Maildir, one per recipient by template, or as a map file says", Mode.class).defaultValue("single");
    static final OptionSpec<String> TEMPLATE = OptionSpec.string("template", "TEMPLATE",
            "the mailbox of a recipient, for mode per-recipient (default " + PerRecipientMailboxes.DEFAULT_TEMPLATE + ")");
    static final OptionSpec<Path> MAP = OptionSpec.path("map", "the map file, for mode map");
    static final OptionSpec<String> RECIPIENT_DELIMITER = OptionSpec.string("recipient-delimiter", "CHARS",
            "what separates an address extension into a Maildir++ folder; none turns that off").defaultValue("+");
    static final OptionSpec<FsyncMode> FSYNC = OptionSpec.choice("fsync",
            "when to force data to disk: each delivery, in shared group commits, or never", FsyncMode.class)
            .defaultValue("always");
    static final OptionSpec<LineEnding> LINE_ENDINGS = OptionSpec.choice("line-endings",
            "the line ending of stored files", LineEnding.class).defaultValue("lf");
    static final OptionSpec<Long> QUOTA = OptionSpec.bytes("quota", "bytes per mailbox (default no limit)");
    static final OptionSpec<Boolean> QUOTA_FULL = OptionSpec.choice("quota-full",
            "a full mailbox gets 452 4.2.2 (temporary) or 552 5.2.2 (permanent)",
            Map.of("temporary", false, "permanent", true)).label("temporary|permanent").defaultValue("temporary");
    static final OptionSpec<Long> MIN_FREE = OptionSpec.bytes("min-free",
            "free disk space below which MAIL gets 452 4.3.1").defaultValue("64M");
    static final OptionSpec<MaildirSettings.DeliveredTo> DELIVERED_TO = OptionSpec.choice("delivered-to",
            "a Delivered-To header in each copy, or only for a single recipient (hard links)",
            MaildirSettings.DeliveredTo.class).defaultValue("each");
    static final OptionSpec<String> HOSTNAME = OptionSpec.string("hostname", "NAME",
            "the host part of file names (default this host's short name)");
    static final OptionSpec<String> DIR_MODE = OptionSpec.string("dir-mode", "OCTAL",
            "permissions of new directories").defaultValue("0700");
    static final OptionSpec<String> FILE_MODE = OptionSpec.string("file-mode", "OCTAL",
            "permissions of new files").defaultValue("0600");

    @Override
    public String name() {
        return "maildir";
    }

    @Override
    public String description() {
        return "store each message durably in Maildirs";
    }

    @Override
    public List<OptionSpec<?>> options() {
        return List.of(ROOT, MODE, TEMPLATE, MAP, RECIPIENT_DELIMITER, FSYNC, LINE_ENDINGS, QUOTA, QUOTA_FULL,
                MIN_FREE, DELIVERED_TO, HOSTNAME, DIR_MODE, FILE_MODE);
    }

    @Override
    public Handler create(OptionValues options) {
        Path root = options.get(ROOT).toAbsolutePath().normalize();
        String delimiter = options.get(RECIPIENT_DELIMITER);
        if (delimiter.equals("none")) {
            delimiter = "";
        }
        MaildirSettings.Builder settings = MaildirSettings.builder(root).recipientDelimiter(delimiter);
        Mode mode = options.get(MODE);
        if (options.given(TEMPLATE) && mode != Mode.PER_RECIPIENT) {
            throw options.invalid("option template is for mode=per-recipient");
        }
        switch (mode) {
            case SINGLE -> { }
            case PER_RECIPIENT -> settings.mapping(new PerRecipientMailboxes(root,
                    options.given(TEMPLATE) ? options.get(TEMPLATE) : PerRecipientMailboxes.DEFAULT_TEMPLATE));
            case MAP -> settings.mapping(readMap(options, root, delimiter));
        }
        settings.fsync(options.get(FSYNC))
                .lineEnding(options.get(LINE_ENDINGS))
                .quota(options.given(QUOTA) ? options.get(QUOTA) : 0, options.get(QUOTA_FULL))
                .minFree(options.get(MIN_FREE))
                .deliveredTo(options.get(DELIVERED_TO));
        try {
            settings.modes(FileModes.parse(options.get(DIR_MODE), options.get(FILE_MODE)));
        } catch (IllegalArgumentException e) {
            throw options.invalid(e.getMessage());
        }
        if (options.given(HOSTNAME)) {
            settings.hostname(options.get(HOSTNAME));
        }
        return new MaildirHandler(settings.build());
    }

    private static MailboxMap readMap(OptionValues options, Path root, String delimiter) {
        if (!options.given(MAP)) {
            throw options.invalid("mode=map needs option map, the map file");
        }
        Path file = options.get(MAP);
        try {
            return MailboxMap.read(file, root, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mailbox map " + file, e);
        }
    }
}

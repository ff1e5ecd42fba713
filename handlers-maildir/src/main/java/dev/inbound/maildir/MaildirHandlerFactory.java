package dev.inbound.maildir;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.HandlerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --handler maildir}. Options:
 * <ul>
 * <li>{@code root} (required): the Maildir (mode {@code single}) or the directory of the mailboxes</li>
 * <li>{@code mode}: {@code single} (default), {@code per-recipient} or {@code map}</li>
 * <li>{@code template}: for per-recipient, default {@code {domain}/{local}}</li>
 * <li>{@code map}: the map file, for mode map</li>
 * <li>{@code recipient-delimiter}: default {@code +}; {@code none} turns plus-addressing off</li>
 * <li>{@code fsync}: {@code always} (default), {@code batched}, {@code never}</li>
 * <li>{@code line-endings}: {@code lf} (default) or {@code crlf}</li>
 * <li>{@code quota}: bytes per mailbox (suffix k, M, G), default none; {@code quota-full}:
 *     {@code temporary} (452 4.2.2, default) or {@code permanent} (552 5.2.2)</li>
 * <li>{@code min-free}: free disk space below which MAIL gets 452 4.3.1, default 64M</li>
 * <li>{@code delivered-to}: {@code each} (default) or {@code single}</li>
 * <li>{@code hostname}: the host part of file names, default this host's short name</li>
 * <li>{@code dir-mode}, {@code file-mode}: octal permissions of new directories and files, default
 *     {@code 0700} and {@code 0600}</li>
 * </ul>
 *
 * <pre>{@code
 * inbound --handler maildir --handler-option root=/var/mail,mode=per-recipient,fsync=batched
 * }</pre>
 */
public final class MaildirHandlerFactory implements HandlerFactory {
    private static final Set<String> KNOWN = Set.of("root", "mode", "template", "map", "recipient-delimiter",
            "fsync", "line-endings", "quota", "quota-full", "min-free", "delivered-to", "hostname", "dir-mode",
            "file-mode");

    @Override
    public String name() {
        return "maildir";
    }

    @Override
    public String description() {
        return "store each message durably in Maildirs; options root (required), mode (single, per-recipient, map),"
                + " template, map, recipient-delimiter, fsync (always, batched, never), line-endings (lf, crlf),"
                + " quota, quota-full (temporary, permanent), min-free, delivered-to (each, single), hostname,"
                + " dir-mode, file-mode";
    }

    @Override
    public Handler create(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Handler 'maildir' has no option " + String.join(", ", unknown)
                    + "; it takes " + String.join(", ", new TreeSet<>(KNOWN)));
        }
        String rootOption = options.get("root");
        if (rootOption == null || rootOption.isBlank()) {
            throw new IllegalArgumentException("Handler 'maildir' needs option root");
        }
        Path root = Path.of(rootOption).toAbsolutePath().normalize();
        String delimiter = options.getOrDefault("recipient-delimiter", "+");
        if (delimiter.equals("none")) {
            delimiter = "";
        }
        MaildirSettings.Builder settings = MaildirSettings.builder(root).recipientDelimiter(delimiter);
        String mode = options.getOrDefault("mode", "single");
        switch (mode) {
            case "single" -> { }
            case "per-recipient" -> settings.mapping(
                    new PerRecipientMailboxes(root, options.getOrDefault("template", PerRecipientMailboxes.DEFAULT_TEMPLATE)));
            case "map" -> settings.mapping(readMap(options, root, delimiter));
            default -> throw new IllegalArgumentException("mode must be single, per-recipient or map, not " + mode);
        }
        if (options.containsKey("template") && !mode.equals("per-recipient")) {
            throw new IllegalArgumentException("Option template is for mode=per-recipient");
        }
        settings.fsync(FsyncMode.parse(options.getOrDefault("fsync", "always")))
                .lineEnding(LineEnding.parse(options.getOrDefault("line-endings", "lf")))
                .quota(bytes(options, "quota", 0), permanent(options.getOrDefault("quota-full", "temporary")))
                .minFree(bytes(options, "min-free", MaildirSettings.DEFAULT_MIN_FREE))
                .deliveredTo(deliveredTo(options.getOrDefault("delivered-to", "each")));
        settings.modes(FileModes.parse(options.getOrDefault("dir-mode", "0700"),
                options.getOrDefault("file-mode", "0600")));
        if (options.containsKey("hostname")) {
            settings.hostname(options.get("hostname"));
        }
        return new MaildirHandler(settings.build());
    }

    private static MailboxMap readMap(Map<String, String> options, Path root, String delimiter) {
        String file = options.get("map");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("mode=map needs option map, the map file");
        }
        try {
            return MailboxMap.read(Path.of(file), root, delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mailbox map " + file, e);
        }
    }

    private static boolean permanent(String value) {
        return switch (value) {
            case "temporary" -> false;
            case "permanent" -> true;
            default -> throw new IllegalArgumentException("quota-full must be temporary or permanent, not " + value);
        };
    }

    private static MaildirSettings.DeliveredTo deliveredTo(String value) {
        return switch (value) {
            case "each" -> MaildirSettings.DeliveredTo.EACH;
            case "single" -> MaildirSettings.DeliveredTo.SINGLE;
            default -> throw new IllegalArgumentException("delivered-to must be each or single, not " + value);
        };
    }

    /** A byte count with an optional k, M or G suffix (powers of 1024). */
    static long bytes(Map<String, String> options, String key, long otherwise) {
        String value = options.get(key);
        if (value == null) {
            return otherwise;
        }
        String digits = value.strip();
        long unit = 1;
        char last = digits.isEmpty() ? ' ' : Character.toUpperCase(digits.charAt(digits.length() - 1));
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long n = Long.parseLong(digits);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Option " + key + " must be a byte count such as 50M, not " + value);
        }
    }
}

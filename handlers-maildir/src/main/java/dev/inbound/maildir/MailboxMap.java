package dev.inbound.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Mailboxes from a map file, one entry per line: an address and a Maildir path, separated by
 * white space; {@code #} starts a comment. Relative paths are under the root.
 *
 * <pre>
 * alice@example.com      alice
 * sales@example.com      shared/sales
 * &#64;example.org           catchall-org
 * *                      catchall
 * </pre>
 *
 * <p>Lookup order follows Postfix's {@code virtual(5)}: {@code user+ext@domain}, then
 * {@code user@domain}, then {@code @domain}, then the catch-all {@code *}. Keys are matched
 * case-insensitively. Without a match the recipient is unknown.
 */
public final class MailboxMap implements MailboxMapping {
    private final Map<String, Path> entries;
    private final String delimiter;

    private MailboxMap(Map<String, Path> entries, String delimiter) {
        this.entries = entries;
        this.delimiter = delimiter;
    }

    /** Reads {@code file}; fails with the line number on a malformed line. */
    public static MailboxMap read(Path file, Path root, String delimiter) throws IOException {
        Map<String, Path> entries = new HashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException(file + ":" + number + ": expected 'address path', got: " + line);
            }
            Path path = root.toAbsolutePath().resolve(fields[1]).normalize();
            if (entries.putIfAbsent(fields[0].toLowerCase(Locale.ROOT), path) != null) {
                throw new IllegalArgumentException(file + ":" + number + ": " + fields[0] + " is mapped twice");
            }
        }
        return new MailboxMap(Map.copyOf(entries), delimiter);
    }

    @Override
    public Optional<Path> mailboxOf(MailboxAddress address) {
        for (String key : new String[] {address.withExtension(delimiter), address.withoutExtension(),
                "@" + address.domain(), "*"}) {
            Path path = entries.get(key);
            if (path != null) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}

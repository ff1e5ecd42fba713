package dev.inbound.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-mailbox size limit in bytes, counted over {@code new/} and {@code cur/} of the
 * mailbox and of its Maildir++ folders, as Maildir++ quota counts. Sizes come from the
 * {@code ,S=} field of the name where there is one (no stat, as Dovecot does), else from the file.
 *
 * <p>The count is a directory scan per check, with no {@code maildirsize} cache: fine for
 * thousands of messages, slow for millions. Concurrent deliveries may together pass the
 * limit by up to one message each; a soft limit, like Dovecot's default.
 *
 * <pre>{@code
 * MaildirQuota quota = new MaildirQuota(50_000_000);
 * if (quota.wouldExceed(mailboxRoot, messageSize)) { ... }
 * }</pre>
 */
public final class MaildirQuota {
    private static final Pattern SIZE = Pattern.compile(",S=(\\d+)");

    private final long limit;

    /** {@code limit} in bytes; 0 means no quota. */
    public MaildirQuota(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("quota must not be negative: " + limit);
        }
        this.limit = limit;
    }

    public boolean enabled() {
        return limit > 0;
    }

    /** True when a mailbox already at or over the limit: refused early, at RCPT. */
    public boolean isFull(Path mailbox) throws IOException {
        return enabled() && used(mailbox) >= limit;
    }

    /** True when {@code size} more bytes would take the mailbox over the limit. */
    public boolean wouldExceed(Path mailbox, long size) throws IOException {
        return enabled() && used(mailbox) + size > limit;
    }

    /** The bytes in the mailbox and its folders. */
    public long used(Path mailbox) throws IOException {
        if (!Files.isDirectory(mailbox)) {
            return 0;
        }
        long total = messages(mailbox);
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(mailbox, ".*")) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    total += messages(folder);
                }
            }
        }
        return total;
    }

    private static long messages(Path maildir) throws IOException {
        long total = 0;
        for (String sub : new String[] {"new", "cur"}) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(maildir.resolve(sub))) {
                for (Path file : files) {
                    total += size(file);
                }
            } catch (NoSuchFileException absent) {
                // a mailbox not yet delivered to
            }
        }
        return total;
    }

    private static long size(Path file) {
        Matcher m = SIZE.matcher(file.getFileName().toString());
        if (m.find()) {
            try {
                return Long.parseLong(m.group(1));
            } catch (NumberFormatException ignored) {
                // fall through to the file's size
            }
        }
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0; // moved to cur/ or expunged meanwhile
        }
    }
}

package dev.inbound.maildir;

import java.nio.file.Path;

/**
 * Everything the Maildir handler is configured with.
 *
 * <pre>{@code
 * MaildirSettings settings = MaildirSettings.builder(Path.of("/var/mail/all"))
 *         .fsync(FsyncMode.BATCHED).quota(50_000_000, false).build();
 * Handler handler = new MaildirHandler(settings);
 * }</pre>
 *
 * @param root          the directory checked for free space and swept at start; for a single
 *                      Maildir the Maildir itself
 * @param mapping       recipient to Maildir
 * @param delimiter     the plus-address delimiter, empty for none
 * @param lineEnding    LF (default) or CRLF in the files
 * @param fsync         always, batched or never
 * @param quota         bytes per mailbox, 0 for none
 * @param quotaPermanent answer 552 5.2.2 instead of 452 4.2.2 over quota
 * @param minFree       free bytes the file system must keep, checked at MAIL
 * @param deliveredTo   which copies get a Delivered-To header
 * @param hostname      the host part of file names
 * @param modes         permissions of new directories and files
 */
public record MaildirSettings(Path root, MailboxMapping mapping, String delimiter,
        LineEnding lineEnding, FsyncMode fsync, long quota, boolean quotaPermanent, long minFree,
        DeliveredTo deliveredTo, String hostname, FileModes modes) {

    /** 64 MiB: below that, MAIL is answered 452 4.3.1. */
    public static final long DEFAULT_MIN_FREE = 64L << 20;

    /** Which copies get a {@code Delivered-To:} header. */
    public enum DeliveredTo {
        /**
         * Every copy, with its own recipient, as Postfix's {@code local(8)} writes it; each
         * recipient's file is then written on its own (the default).
         */
        EACH,
        /**
         * Only a message with a single recipient. A message for several recipients is written
         * once and hard-linked into every mailbox on the same file system.
         */
        SINGLE
    }

    /** One Maildir for every recipient, with the defaults. */
    public static MaildirSettings single(Path maildir) {
        return builder(maildir).build();
    }

    /** A Maildir per recipient under {@code root}, named by {@code template}, with the defaults. */
    public static MaildirSettings perRecipient(Path root, String template) {
        return builder(root).mapping(new PerRecipientMailboxes(root, template)).build();
    }

    /** Settings for mail under {@code root}; by default {@code root} is the one Maildir for everything. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** Collects the settings; every one has a default but the root. */
    public static final class Builder {
        private final Path root;
        private MailboxMapping mapping;
        private String delimiter = "+";
        private LineEnding lineEnding = LineEnding.LF;
        private FsyncMode fsync = FsyncMode.ALWAYS;
        private long quota;
        private boolean quotaPermanent;
        private long minFree = DEFAULT_MIN_FREE;
        private DeliveredTo deliveredTo = DeliveredTo.EACH;
        private String hostname = localHostname();
        private FileModes modes = FileModes.OWNER_ONLY;

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
            this.mapping = MailboxMapping.single(this.root);
        }

        /** Where recipients go; those it does not know are refused at RCPT. */
        public Builder mapping(MailboxMapping mailboxes) {
            mapping = java.util.Objects.requireNonNull(mailboxes);
            return this;
        }

        /** The plus-address delimiter, such as {@code +}; empty turns plus-addressing off. */
        public Builder recipientDelimiter(String value) {
            if (value.contains("@")) {
                throw new IllegalArgumentException("The recipient delimiter cannot contain '@'");
            }
            delimiter = value;
            return this;
        }

        public Builder lineEnding(LineEnding value) {
            lineEnding = java.util.Objects.requireNonNull(value);
            return this;
        }

        public Builder fsync(FsyncMode mode) {
            fsync = java.util.Objects.requireNonNull(mode);
            return this;
        }

        /** Bytes per mailbox (0: none); over it, 552 5.2.2 when {@code permanent}, else 452 4.2.2. */
        public Builder quota(long bytes, boolean permanent) {
            quota = nonNegative("quota", bytes);
            quotaPermanent = permanent;
            return this;
        }

        /** The free bytes to keep on the file system of the root; below that, MAIL gets 452 4.3.1. */
        public Builder minFree(long bytes) {
            minFree = nonNegative("min-free", bytes);
            return this;
        }

        private static long nonNegative(String name, long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + bytes);
            }
            return bytes;
        }

        public Builder deliveredTo(DeliveredTo which) {
            deliveredTo = java.util.Objects.requireNonNull(which);
            return this;
        }

        /** The host part of file names; by default this host's short name. */
        public Builder hostname(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("hostname must not be blank");
            }
            hostname = name;
            return this;
        }

        /** Permissions of new directories and files; by default 0700 and 0600. */
        public Builder modes(FileModes permissions) {
            modes = java.util.Objects.requireNonNull(permissions);
            return this;
        }

        public MaildirSettings build() {
            return new MaildirSettings(root, mapping, delimiter, lineEnding, fsync, quota, quotaPermanent,
                    minFree, deliveredTo, hostname, modes);
        }
    }

    /** The short host name, as Postfix and Dovecot put it into Maildir names. */
    static String localHostname() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}

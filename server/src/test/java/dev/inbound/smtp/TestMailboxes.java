package dev.inbound.smtp;

import java.util.List;
import java.util.Locale;

/**
 * A handler that answers each LMTP recipient by its local part: {@code unknown...} gets
 * {@code 550 5.1.1}, {@code full...} {@code 452 4.2.2}, {@code busy...} {@code 450 4.2.0};
 * every other recipient is delivered.
 */
public final class TestMailboxes implements Handler {
    public static final Reply UNKNOWN = Reply.of(550, "5.1.1", "User unknown");
    public static final Reply FULL = Reply.of(452, "4.2.2", "Mailbox full, try again later");
    public static final Reply BUSY = Reply.of(450, "4.2.0", "Mailbox busy, try again later");

    /** The reply for {@code rcpt}, null for delivered. */
    public static Reply outcome(String rcpt) {
        String local = rcpt.substring(0, Math.max(0, rcpt.lastIndexOf('@'))).toLowerCase(Locale.ROOT);
        if (local.startsWith("unknown")) {
            return UNKNOWN;
        }
        if (local.startsWith("full")) {
            return FULL;
        }
        return local.startsWith("busy") ? BUSY : null;
    }

    @Override
    public List<Reply> deliver(Session session, Envelope envelope) {
        return envelope.rcptTos().stream().map(TestMailboxes::outcome).toList();
    }
}

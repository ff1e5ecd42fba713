package dev.inbound.maildir;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a recipient's mail goes: the root directory of its Maildir, or empty for an unknown
 * recipient (refused at RCPT with {@code 550 5.1.1}).
 *
 * <pre>{@code
 * MailboxMapping mapping = new PerRecipientMailboxes(Path.of("/var/mail"), "{domain}/{local}");
 * mapping.mailboxOf(MailboxAddress.parse("bob@example.com", "+").orElseThrow());
 * // Optional[/var/mail/example.com/bob]
 * }</pre>
 */
public interface MailboxMapping {
    Optional<Path> mailboxOf(MailboxAddress address);

    /** One Maildir for every recipient. */
    static MailboxMapping single(Path maildir) {
        Path fixed = maildir.toAbsolutePath().normalize();
        return address -> Optional.of(fixed);
    }

    /** Fails unless {@code path}, normalized, lies inside {@code root}: the last guard against a path escape. */
    static Path requireInside(Path root, Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (!normalized.startsWith(root.toAbsolutePath().normalize()) || normalized.equals(root.toAbsolutePath().normalize())) {
            throw new IllegalStateException("Mailbox path " + normalized + " is not inside " + root);
        }
        return normalized;
    }
}

package dev.inbound.maildir;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A Maildir per recipient under one root, named by a template: by default
 * {@code {domain}/{local}}, as Postfix's {@code virtual_mailbox_maps} are usually laid out.
 * The placeholders {@code {domain}} and {@code {local}} take the safe path segments of
 * {@link MailboxAddress}, never the raw address, and the result must stay inside the root.
 *
 * <pre>{@code
 * new PerRecipientMailboxes(Path.of("/var/mail"), "{domain}/{local}/Maildir");
 * }</pre>
 */
public final class PerRecipientMailboxes implements MailboxMapping {
    public static final String DEFAULT_TEMPLATE = "{domain}/{local}";

    private final Path root;
    private final String template;

    public PerRecipientMailboxes(Path root, String template) {
        if (!template.contains("{local}")) {
            throw new IllegalArgumentException("The mailbox template must contain {local}: " + template);
        }
        if (template.startsWith("/") || template.contains("..")) {
            throw new IllegalArgumentException("The mailbox template must be relative and without '..': " + template);
        }
        this.root = root.toAbsolutePath().normalize();
        this.template = template;
    }

    @Override
    public Optional<Path> mailboxOf(MailboxAddress address) {
        String relative = template.replace("{domain}", address.domainSegment())
                .replace("{local}", address.localSegment());
        return Optional.of(MailboxMapping.requireInside(root, root.resolve(relative)));
    }
}

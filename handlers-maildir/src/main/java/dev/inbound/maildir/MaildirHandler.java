package dev.inbound.maildir;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers into Maildirs so that a 250 means the message is on disk in {@code new/}: written
 * to {@code tmp/}, fsynced, linked into {@code new/}, and {@code new/} fsynced (see
 * {@link MaildirWriter}). Under LMTP every recipient gets its own outcome; under SMTP the
 * message is stored for all recipients or for none.
 *
 * <p>Refusals come as early as they can: low disk space at MAIL ({@code 452 4.3.1}), an
 * unknown recipient ({@code 550 5.1.1}, map mode) or a full mailbox at RCPT, a message that
 * would pass the quota after the data.
 *
 * <pre>{@code
 * SmtpServer server = SmtpServer.builder().port(2525)
 *         .handler(new MaildirHandler(MaildirSettings.perRecipient(Path.of("/var/mail"), "{domain}/{local}")))
 *         .build();
 * }</pre>
 */
public final class MaildirHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(MaildirHandler.class);
    private static final Reply LOW_DISK = Reply.of(452, "4.3.1", "Insufficient system storage, try again later");

    private final MaildirSettings settings;
    private final MaildirQuota quota;
    private final Reply overQuota;
    private final MessageDelivery delivery;

    /** Sweeps what a crash left in the {@code tmp/} directories under the root, then is ready. */
    public MaildirHandler(MaildirSettings settings) {
        this.settings = settings;
        this.quota = new MaildirQuota(settings.quota());
        this.overQuota = settings.quotaPermanent()
                ? Reply.of(552, "5.2.2", "Mailbox full")
                : Reply.of(452, "4.2.2", "Mailbox full, try again later");
        MaildirName names = MaildirName.forThisProcess(settings.hostname());
        MaildirWriter writer = new MaildirWriter(names, settings.lineEnding(), settings.fsync());
        this.delivery = new MessageDelivery(writer, settings, quota, overQuota);
        try {
            new TmpSweeper(names).sweep(settings.root());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sweep the Maildir tmp/ directories under " + settings.root(), e);
        }
    }

    @Override
    public Reply onMail(Session session, Envelope envelope, String address, List<String> options) throws IOException {
        long declared = declaredSize(options);
        Path existing = existingRoot();
        if (existing != null && Files.getFileStore(existing).getUsableSpace() < settings.minFree() + declared) {
            LOG.warn("Refusing mail: less than {} bytes free under {}", settings.minFree() + declared, settings.root());
            return LOW_DISK;
        }
        return null;
    }

    /**
     * The root, or the nearest directory above it that exists: mailboxes are made under it on
     * demand, so a root not made yet is fine as long as it can be.
     */
    private Path existingRoot() {
        Path existing = settings.root().toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    /** Not ready when the root cannot be made or written, or the disk has less than min-free left. */
    @Override
    public Optional<String> notReady() {
        Path existing = existingRoot();
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return Optional.of("Maildir root " + settings.root() + " is not a writable directory");
        }
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            return free < settings.minFree()
                    ? Optional.of("Maildir root " + settings.root() + " has " + free + " bytes free, less than min-free "
                            + settings.minFree())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("Maildir root " + settings.root() + ": " + e);
        }
    }

    @Override
    public Reply onRcpt(Session session, Envelope envelope, String address, List<String> options) throws IOException {
        Optional<MailboxAddress> parsed = MailboxAddress.parse(address, settings.delimiter());
        if (parsed.isEmpty()) {
            return Reply.of(550, "5.1.3", "Bad recipient address syntax");
        }
        Optional<Path> mailbox = settings.mapping().mailboxOf(parsed.get());
        if (mailbox.isEmpty()) {
            return Reply.of(550, "5.1.1", "<" + address + "> User unknown");
        }
        if (quota.isFull(mailbox.get())) {
            return overQuota;
        }
        return null;
    }

    @Override
    public Reply onData(Session session, Envelope envelope) throws IOException {
        List<Maildir> maildirs = maildirs(envelope);
        List<Reply> replies = delivery.deliver(envelope, maildirs, Collections.nCopies(maildirs.size(), null), true);
        return replies.isEmpty() ? null : replies.get(0);
    }

    @Override
    public List<Reply> deliver(Session session, Envelope envelope) throws IOException {
        List<Maildir> maildirs = new ArrayList<>();
        List<Reply> early = new ArrayList<>();
        for (String rcpt : envelope.rcptTos()) {
            try {
                maildirs.add(maildirOf(rcpt));
                early.add(null);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot open the Maildir of <{}>: {}", rcpt, e.toString());
                maildirs.add(null);
                early.add(MessageDelivery.FAILED);
            }
        }
        return delivery.deliver(envelope, maildirs, early, false);
    }

    private List<Maildir> maildirs(Envelope envelope) throws IOException {
        List<Maildir> maildirs = new ArrayList<>();
        for (String rcpt : envelope.rcptTos()) {
            maildirs.add(maildirOf(rcpt));
        }
        return maildirs;
    }

    /** The recipient's Maildir (or Maildir++ folder), created as needed; RCPT has vouched for the address. */
    private Maildir maildirOf(String rcpt) throws IOException {
        MailboxAddress address = MailboxAddress.parse(rcpt, settings.delimiter())
                .orElseThrow(() -> new IOException("Unparseable recipient " + rcpt));
        Path root = settings.mapping().mailboxOf(address)
                .orElseThrow(() -> new IOException("No mailbox for " + rcpt));
        Maildir maildir = Maildir.open(root, settings.modes());
        Optional<String> folder = address.folder();
        return folder.isPresent() ? maildir.subfolder(folder.get()) : maildir;
    }

    private static long declaredSize(List<String> options) {
        for (String option : options) {
            if (option.regionMatches(true, 0, "SIZE=", 0, 5)) {
                try {
                    return Long.parseLong(option.substring(5));
                } catch (NumberFormatException e) {
                    return 0; // the server has checked the parameter already
                }
            }
        }
        return 0;
    }
}

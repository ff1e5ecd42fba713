package dev.inbound.maildir;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message to its recipients in three rounds: stage every copy in {@code tmp/},
 * link every copy into {@code new/}, fsync every {@code new/} directory involved. Returns one
 * reply per recipient, {@code null} for delivered.
 *
 * <p>Under SMTP ({@code allOrNothing}) the client hears one reply for all recipients, so a
 * failure anywhere undoes everything: staged copies are removed, and copies already linked
 * into {@code new/} are unlinked again, before every recipient gets the failure. Otherwise a
 * client told 451 would retry and the recipients that had succeeded would get the message
 * twice. Under LMTP each recipient stands alone.
 */
final class MessageDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDelivery.class);
    static final Reply FAILED = Reply.of(451, "4.3.0", "Mail not stored, try again later");

    private final MaildirWriter writer;
    private final MaildirSettings settings;
    private final MaildirQuota quota;
    private final Reply overQuota;

    MessageDelivery(MaildirWriter writer, MaildirSettings settings, MaildirQuota quota, Reply overQuota) {
        this.writer = writer;
        this.settings = settings;
        this.quota = quota;
        this.overQuota = overQuota;
    }

    /**
     * {@code early} holds, per recipient, a failure found before delivery (its Maildir could
     * not be opened) or {@code null}.
     */
    List<Reply> deliver(Envelope envelope, List<Maildir> maildirs, List<Reply> early, boolean allOrNothing) {
        int n = maildirs.size();
        Reply[] replies = early.toArray(new Reply[0]);
        StagedMessage[] staged = new StagedMessage[n];
        Path[] delivered = new Path[n];
        try {
            if (!(allOrNothing && anyFailed(replies))) {
                stageAll(envelope, maildirs, replies, staged, allOrNothing);
            }
            if (!(allOrNothing && anyFailed(replies))) {
                commitAll(staged, replies, delivered);
            }
            if (!(allOrNothing && anyFailed(replies))) {
                syncAll(delivered, replies);
            }
        } finally {
            Reply failure = firstFailure(replies);
            for (int i = 0; i < n; i++) {
                if (allOrNothing && failure != null) {
                    replies[i] = failure;
                }
                if (replies[i] != null) {
                    undo(staged[i], delivered[i]);
                }
            }
        }
        return Arrays.asList(replies);
    }

    /** Stages each recipient's copy; {@code stopAtFailure} saves writing copies that will be thrown away. */
    private void stageAll(Envelope envelope, List<Maildir> maildirs, Reply[] replies, StagedMessage[] staged,
            boolean stopAtFailure) {
        List<String> rcpts = envelope.rcptTos();
        Map<String, StagedMessage> written = new HashMap<>();
        for (int i = 0; i < rcpts.size() && !(stopAtFailure && anyFailed(replies)); i++) {
            if (replies[i] != null) {
                continue;
            }
            byte[] prefix = prefix(envelope, rcpts.get(i));
            long expected = prefix.length + envelope.content().size();
            try {
                if (quota.wouldExceed(quotaRoot(maildirs.get(i)), expected)) {
                    replies[i] = overQuota;
                    continue;
                }
                // Copies with the same bytes are written once, then hard-linked under new names.
                String key = new String(prefix, StandardCharsets.UTF_8);
                StagedMessage first = written.get(key);
                staged[i] = first == null ? writer.stage(maildirs.get(i), prefix, envelope.content())
                        : writer.share(first, maildirs.get(i));
                written.putIfAbsent(key, staged[i]);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not stage {} for <{}>: {}", envelope.id(), rcpts.get(i), e.toString());
                replies[i] = FAILED;
            }
        }
    }

    private void commitAll(StagedMessage[] staged, Reply[] replies, Path[] delivered) {
        for (int i = 0; i < staged.length; i++) {
            if (replies[i] != null) {
                continue;
            }
            try {
                delivered[i] = writer.commit(staged[i]);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not move {} into new/: {}", staged[i].tmpFile(), e.toString());
                replies[i] = FAILED;
            }
        }
    }

    private void syncAll(Path[] delivered, Reply[] replies) {
        Map<Path, List<Integer>> byDirectory = new LinkedHashMap<>();
        for (int i = 0; i < delivered.length; i++) {
            if (replies[i] == null) {
                byDirectory.computeIfAbsent(delivered[i].getParent(), d -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Path, List<Integer>> entry : byDirectory.entrySet()) {
            try {
                writer.sync(entry.getKey());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not fsync {}: {}", entry.getKey(), e.toString());
                entry.getValue().forEach(i -> replies[i] = FAILED);
            }
        }
    }

    /** {@code Return-Path:} and, as configured, {@code Delivered-To:}, as Postfix's local delivery prepends them. */
    private byte[] prefix(Envelope envelope, String rcpt) {
        String eol = writer.lineEnding().text();
        StringBuilder header = new StringBuilder("Return-Path: <").append(envelope.mailFrom()).append('>').append(eol);
        if (settings.deliveredTo() == MaildirSettings.DeliveredTo.EACH || envelope.rcptTos().size() == 1) {
            header.append("Delivered-To: ").append(rcpt).append(eol);
        }
        return header.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The mailbox a quota counts: a Maildir++ folder counts towards its parent. */
    private static Path quotaRoot(Maildir maildir) {
        Path root = maildir.root();
        return Files.exists(root.resolve("maildirfolder")) ? root.getParent() : root;
    }

    private static void undo(StagedMessage staged, Path delivered) {
        if (delivered != null) {
            try {
                Files.deleteIfExists(delivered);
            } catch (IOException e) {
                LOG.error("Could not remove {} after a failed delivery; the recipient may get the message twice",
                        delivered, e);
            }
        }
        if (staged != null) {
            MaildirWriter.discard(staged);
        }
    }

    private static boolean anyFailed(Reply[] replies) {
        return firstFailure(replies) != null;
    }

    private static Reply firstFailure(Reply[] replies) {
        for (Reply reply : replies) {
            if (reply != null) {
                return reply;
            }
        }
        return null;
    }
}

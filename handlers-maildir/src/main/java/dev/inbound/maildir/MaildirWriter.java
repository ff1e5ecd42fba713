package dev.inbound.maildir;

import dev.inbound.smtp.MessageContent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers into Maildirs the way the Maildir specification and Postfix's {@code virtual(8)}
 * do: write {@code tmp/<unique>} (created exclusively, mode 0600), fsync it, link it into
 * {@code new/} under the same unique name plus {@code ,S=<size>}, remove the tmp name, fsync
 * {@code new/}. Only after that may the message be answered 250.
 *
 * <p>The steps are separate ({@link #stage}, {@link #commit}, {@link #sync}) so that the
 * handler can stage every recipient before making any visible, and undo a partial commit.
 *
 * <pre>{@code
 * MaildirWriter writer = new MaildirWriter(MaildirName.forThisProcess("mx1"), LineEnding.LF, FsyncMode.ALWAYS);
 * StagedMessage staged = writer.stage(Maildir.open(dir), prefix, content);
 * Path delivered = writer.commit(staged);
 * writer.sync(delivered.getParent()); // now answer 250
 * }</pre>
 */
final class MaildirWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MaildirWriter.class);

    private final MaildirName names;
    private final LineEnding lineEnding;
    private final FsyncMode fsync;
    private final DirectorySync directories;

    MaildirWriter(MaildirName names, LineEnding lineEnding, FsyncMode fsync) {
        this.names = names;
        this.lineEnding = lineEnding;
        this.fsync = fsync;
        this.directories = new DirectorySync(fsync);
    }

    LineEnding lineEnding() {
        return lineEnding;
    }

    DirectorySync directories() {
        return directories;
    }

    /**
     * Writes {@code prefix} (header lines already in the file's line ending) and
     * {@code content} (CRLF lines, converted as configured) to a new file in {@code maildir}'s
     * {@code tmp/}, and fsyncs it. On failure nothing is left behind.
     */
    StagedMessage stage(Maildir maildir, byte[] prefix, MessageContent content) throws IOException {
        String name = names.next();
        Path tmp = maildir.tmp().resolve(name);
        try (FileChannel channel = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), maildir.modes().fileAttribute())) {
            maildir.modes().fixFile(tmp);
            OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            file.write(prefix);
            try (InputStream in = content.openStream()) {
                if (lineEnding == LineEnding.LF) {
                    LfOutputStream lf = new LfOutputStream(file);
                    in.transferTo(lf);
                    lf.finish();
                } else {
                    in.transferTo(file);
                }
            }
            file.flush();
            force(channel);
            return new StagedMessage(maildir, tmp, name, channel.size());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Another recipient's copy of {@code staged}, in {@code maildir}'s {@code tmp/} under a new
     * unique name: a hard link when both are on one file system, so a large message is not
     * written twice; otherwise a copy, fsynced.
     */
    StagedMessage share(StagedMessage staged, Maildir maildir) throws IOException {
        String name = names.next();
        Path tmp = maildir.tmp().resolve(name);
        try {
            Files.createLink(tmp, staged.tmpFile());
        } catch (FileSystemException | UnsupportedOperationException crossDevice) {
            try {
                Files.copy(staged.tmpFile(), tmp);
                maildir.modes().fixFile(tmp);
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    force(channel);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
        return new StagedMessage(maildir, tmp, name, staged.size());
    }

    /**
     * Makes {@code staged} visible: links it into {@code new/} and removes the tmp name.
     * {@code link} fails rather than replace an existing file, as the specification wants.
     * The caller must still {@link #sync} the returned file's directory before answering 250.
     */
    Path commit(StagedMessage staged) throws IOException {
        Path target = staged.newFile();
        try {
            Files.createLink(target, staged.tmpFile());
        } catch (UnsupportedOperationException noLinks) {
            Files.move(staged.tmpFile(), target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
        // The message is in new/ now: a tmp name left behind must not turn it into a 451 (and a
        // duplicate when the client retries). The start-up sweep removes what stays.
        try {
            Files.deleteIfExists(staged.tmpFile());
        } catch (IOException e) {
            LOG.warn("could not remove {} after delivering it as {}: {}", staged.tmpFile(), target, e.toString());
        }
        return target;
    }

    /** fsyncs {@code newDirectory} as the fsync mode says (batched: shared with concurrent deliveries). */
    void sync(Path newDirectory) throws IOException {
        directories.sync(newDirectory);
    }

    /** Removes a staged copy that will not be delivered. */
    static void discard(StagedMessage staged) {
        try {
            Files.deleteIfExists(staged.tmpFile());
        } catch (IOException ignored) {
            // left for the start-up sweep of tmp/
        }
    }

    private void force(FileChannel channel) throws IOException {
        if (fsync != FsyncMode.NEVER) {
            channel.force(true);
        }
    }
}

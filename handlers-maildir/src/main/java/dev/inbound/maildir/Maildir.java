package dev.inbound.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Maildir folder on disk: a directory with {@code tmp/}, {@code new/} and {@code cur/}.
 * {@link #open} creates what is missing, also inside an existing directory that lacks them
 * (where aiosmtpd's {@code Mailbox} handler crashes). New directories and files get the
 * {@link FileModes} given, by default 0700 and 0600, as Postfix and Dovecot make them for a
 * single mail user. The file system must have POSIX permissions.
 *
 * <pre>{@code
 * Maildir inbox = Maildir.open(Path.of("/var/mail/alice"));
 * Maildir lists = inbox.subfolder("lists"); // /var/mail/alice/.lists, with a maildirfolder file
 * }</pre>
 */
public final class Maildir {
    private final Path root;
    private final FileModes modes;

    private Maildir(Path root, FileModes modes) {
        this.root = root;
        this.modes = modes;
    }

    /** The Maildir at {@code root}, with owner-only modes. */
    public static Maildir open(Path root) throws IOException {
        return open(root, FileModes.OWNER_ONLY);
    }

    /** The Maildir at {@code root}, creating it and its {@code tmp/}, {@code new/} and {@code cur/} as needed. */
    public static Maildir open(Path root, FileModes modes) throws IOException {
        createDirectories(root, modes);
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            createDirectory(root.resolve(sub), modes);
        }
        return new Maildir(root, modes);
    }

    /**
     * The Maildir++ folder {@code name} of this Maildir: {@code .name/}, with the empty
     * {@code maildirfolder} file by which Dovecot and Courier know a folder from a mailbox.
     * {@code name} must already be a safe folder name (see {@link MailboxAddress}).
     */
    public Maildir subfolder(String name) throws IOException {
        Maildir folder = open(root.resolve("." + name), modes);
        Path marker = folder.root.resolve("maildirfolder");
        if (!Files.exists(marker)) {
            try {
                modes.fixFile(Files.createFile(marker, modes.fileAttribute()));
            } catch (FileAlreadyExistsException raced) {
                // another delivery made it first
            }
        }
        return folder;
    }

    public Path root() {
        return root;
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path newDirectory() {
        return root.resolve("new");
    }

    public Path cur() {
        return root.resolve("cur");
    }

    /** The modes of the files written into this Maildir. */
    FileModes modes() {
        return modes;
    }

    private static void createDirectories(Path dir, FileModes modes) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent, modes);
        }
        createDirectory(dir, modes);
    }

    /**
     * Creates {@code dir} and fsyncs its parent, so that a new mailbox's {@code new/} cannot
     * vanish in a crash together with the messages fsynced into it. This happens once per
     * directory, whatever the fsync mode.
     */
    private static void createDirectory(Path dir, FileModes modes) throws IOException {
        try {
            modes.fixDirectory(Files.createDirectory(dir, modes.directoryAttribute()));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        }
        try (FileChannel parent = FileChannel.open(dir.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            parent.force(true);
        }
    }
}

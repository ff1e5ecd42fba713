package dev.inbound.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One Maildir folder on disk: a directory with {@code tmp/}, {@code new/} and {@code cur/}.
 * {@link #open} creates what is missing, also inside an existing directory that lacks them
 * (where aiosmtpd's {@code Mailbox} handler crashes). Directories are made 0700 and files
 * 0600, as Postfix and Dovecot make them for a single mail user.
 *
 * <pre>{@code
 * Maildir inbox = Maildir.open(Path.of("/var/mail/alice"));
 * Maildir lists = inbox.subfolder("lists"); // /var/mail/alice/.lists, with a maildirfolder file
 * }</pre>
 */
public final class Maildir {
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private Maildir(Path root) {
        this.root = root;
    }

    /** The Maildir at {@code root}, creating it and its {@code tmp/}, {@code new/} and {@code cur/} as needed. */
    public static Maildir open(Path root) throws IOException {
        createDirectories(root);
        for (String sub : new String[] {"tmp", "new", "cur"}) {
            createDirectory(root.resolve(sub));
        }
        return new Maildir(root);
    }

    /**
     * The Maildir++ folder {@code name} of this Maildir: {@code .name/}, with the empty
     * {@code maildirfolder} file by which Dovecot and Courier know a folder from a mailbox.
     * {@code name} must already be a safe folder name (see {@link MailboxAddress}).
     */
    public Maildir subfolder(String name) throws IOException {
        Maildir folder = open(root.resolve("." + name));
        Path marker = folder.root.resolve("maildirfolder");
        if (!Files.exists(marker)) {
            try {
                Files.createFile(marker, fileMode());
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

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        createDirectory(dir);
    }

    /**
     * Creates {@code dir} and fsyncs its parent, so that a new mailbox's {@code new/} cannot
     * vanish in a crash together with the messages fsynced into it. This happens once per
     * directory, whatever the fsync mode.
     */
    private static void createDirectory(Path dir) throws IOException {
        try {
            if (supportsPosix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            } else {
                Files.createDirectory(dir);
            }
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

    /** The attribute that makes a new file 0600, or none where the file system has no POSIX modes. */
    static FileAttribute<?>[] fileMode() {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)};
    }

    private static boolean supportsPosix(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null || Files.getFileStore(existing).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return true;
        }
    }
}

package dev.inbound.maildir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

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
    /** Directories being made in this JVM, each by the delivery that came first. */
    private static final ConcurrentMap<Path, CompletableFuture<Void>> CREATING = new ConcurrentHashMap<>();
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
     * directory, whatever the fsync mode. A delivery that finds the directory being made by
     * another one in this JVM waits for that one's fsync: its message must not be confirmed
     * before the directory holding it is durable.
     */
    private static void createDirectory(Path dir, FileModes modes) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        while (true) {
            // Checked in this order: the maker registers before it creates, so a directory
            // seen here without a registered maker is already fsynced into its parent.
            if (Files.isDirectory(key)) {
                awaitMaker(CREATING.get(key));
                return;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = CREATING.putIfAbsent(key, mine);
            if (other != null) {
                awaitMaker(other);
                continue; // made, or its maker failed and this one tries
            }
            try {
                try {
                    modes.fixDirectory(Files.createDirectory(key, modes.directoryAttribute()));
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(key)) {
                        throw e;
                    }
                    return; // made by another process, which fsyncs it
                }
                try (FileChannel parent = FileChannel.open(key.getParent(), StandardOpenOption.READ)) {
                    parent.force(true);
                }
            } finally {
                CREATING.remove(key, mine);
                mine.complete(null);
            }
            return;
        }
    }

    private static void awaitMaker(CompletableFuture<Void> maker) throws IOException {
        if (maker == null) {
            return;
        }
        try {
            maker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a new Maildir directory");
        } catch (ExecutionException e) {
            // never: the maker completes normally, failed or not
            throw new IOException(e.getCause());
        }
    }
}

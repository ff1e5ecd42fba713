package dev.inbound.maildir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes directory entries durable: fsync of a directory, which is what makes a {@code link}
 * or {@code rename} into {@code new/} survive a crash (Wietse's ext2/ext4 hole).
 *
 * <p>In {@link FsyncMode#BATCHED} mode callers on the same directory form groups: while one
 * fsync runs, the callers that arrive join the next group, and one fsync, started after all of
 * them had made their entries, answers the whole group.
 *
 * <pre>{@code
 * DirectorySync sync = new DirectorySync(FsyncMode.BATCHED);
 * Files.createLink(newFile, tmpFile);
 * sync.sync(newFile.getParent()); // returns once an fsync begun after the link has finished
 * }</pre>
 */
final class DirectorySync {
    /** The fsync of one directory; tests put in one they can hold up. */
    interface Force {
        void force(Path directory) throws IOException;
    }

    private final FsyncMode mode;
    private final Force force;
    private final ConcurrentMap<Path, GroupCommit> groups = new ConcurrentHashMap<>();
    private final AtomicLong alwaysCount = new AtomicLong();

    DirectorySync(FsyncMode mode) {
        this(mode, DirectorySync::fsync);
    }

    DirectorySync(FsyncMode mode, Force force) {
        this.mode = mode;
        this.force = force;
    }

    /** Returns once every entry made in {@code directory} before this call is on disk. */
    void sync(Path directory) throws IOException {
        switch (mode) {
            case ALWAYS -> {
                force.force(directory);
                alwaysCount.incrementAndGet();
            }
            case BATCHED -> groups.computeIfAbsent(directory, d -> new GroupCommit(d, force)).sync();
            case NEVER -> { }
        }
    }

    /** The number of directory fsyncs done so far, for tests and metrics. */
    long fsyncCount() {
        return groups.values().stream().mapToLong(GroupCommit::fsyncs).sum() + alwaysCount.get();
    }

    /** On Linux, fsync of a directory opened for reading makes its entries durable. */
    private static void fsync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** One directory's group commit. */
    private static final class GroupCommit {
        private final Path directory;
        private final Force force;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition finished = lock.newCondition();
        private Group open = new Group();
        private boolean syncing;
        private long fsyncs;

        GroupCommit(Path directory, Force force) {
            this.directory = directory;
            this.force = force;
        }

        long fsyncs() {
            lock.lock();
            try {
                return fsyncs;
            } finally {
                lock.unlock();
            }
        }

        void sync() throws IOException {
            Group mine;
            lock.lock();
            try {
                mine = open;
                while (syncing && !mine.done) {
                    finished.awaitUninterruptibly();
                }
                if (mine.done) {
                    mine.rethrow();
                    return;
                }
                // This caller leads: later arrivals join a new group, which the next leader syncs.
                syncing = true;
                open = new Group();
            } finally {
                lock.unlock();
            }
            IOException error = null;
            try {
                force.force(directory);
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                // Ends this group's wait as a failure; left unended, every later delivery here would hang.
                error = new IOException("fsync of " + directory + " failed", e);
            }
            lock.lock();
            try {
                fsyncs++;
                mine.done = true;
                mine.error = error;
                syncing = false;
                finished.signalAll();
            } finally {
                lock.unlock();
            }
            mine.rethrow();
        }
    }

    private static final class Group {
        boolean done;
        IOException error;

        void rethrow() throws IOException {
            if (error != null) {
                throw new IOException("fsync of a Maildir directory failed", error);
            }
        }
    }
}

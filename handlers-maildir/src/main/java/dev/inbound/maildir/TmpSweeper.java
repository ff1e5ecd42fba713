package dev.inbound.maildir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes, at start, what a crash left in the {@code tmp/} directories under a root.
 *
 * <p>A file goes when it is certainly dead: named by this host (see {@link MaildirName}) with
 * a pid that no longer runs, or with this process's own pid but older than this process
 * (a container restarts as pid 1 again). Any other file, such as one of another MTA or of a
 * live process on a shared disk, goes only when older than 36 hours, the age after which the
 * Maildir specification lets readers delete it. A pid reused by another live program only
 * delays the removal to the 36 hours.
 *
 * <pre>{@code
 * new TmpSweeper(names).sweep(Path.of("/var/mail"));
 * }</pre>
 */
public final class TmpSweeper {
    static final Duration STALE = Duration.ofHours(36);
    private static final Logger LOG = LoggerFactory.getLogger(TmpSweeper.class);
    private static final int MAX_DEPTH = 8;

    private final MaildirName names;
    private final long self = ProcessHandle.current().pid();
    private final Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());

    public TmpSweeper(MaildirName names) {
        this.names = names;
    }

    /** Sweeps every Maildir {@code tmp/} under {@code root} (up to 8 levels deep); returns the number removed. */
    public int sweep(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int[] removed = {0};
        Files.walkFileTree(root, java.util.Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName() != null && dir.getFileName().toString().equals("tmp")
                        && Files.isDirectory(dir.resolveSibling("new"))) {
                    removed[0] += sweepTmp(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        if (removed[0] > 0) {
            LOG.info("Removed {} file(s) left in Maildir tmp/ directories under {}", removed[0], root);
        }
        return removed[0];
    }

    private int sweepTmp(Path tmp) throws IOException {
        int removed = 0;
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (NoSuchFileException delivered) {
                    continue; // another delivery agent moved it on meanwhile
                }
                if (attrs.isRegularFile() && dead(file.getFileName().toString(), attrs.lastModifiedTime().toInstant(), now)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private boolean dead(String name, Instant modified, Instant now) {
        if (modified.isBefore(now.minus(STALE))) {
            return true;
        }
        OptionalLong pid = names.pidIfOurHost(name);
        if (pid.isEmpty()) {
            return false;
        }
        if (pid.getAsLong() == self) {
            return modified.isBefore(started);
        }
        return ProcessHandle.of(pid.getAsLong()).map(p -> !p.isAlive()).orElse(true);
    }
}

package dev.inbound.maildir;

/**
 * When the Maildir handler forces data to disk. Only {@link #ALWAYS} and {@link #BATCHED}
 * make a 250 mean "on disk"; {@link #NEVER} is for tests and throw-away mail.
 *
 * <pre>{@code
 * MaildirSettings.builder(root).fsync(FsyncMode.BATCHED).build();
 * }</pre>
 */
public enum FsyncMode {
    /** fsync each file, then each {@code new/} directory after each move (the default). */
    ALWAYS,
    /**
     * fsync each file; concurrent deliveries into one {@code new/} directory share one
     * directory fsync (group commit). None is answered before the fsync that covers it.
     */
    BATCHED,
    /** No fsync at all: a crash may lose mail that was answered 250. */
    NEVER
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import java.util.concurrent.TimeUnit;

/**
 * The time a client has, as Postfix's per-request deadlines and {@code smtpd_min_data_rate}
 * count it: each command must be complete within the idle timeout of the one before, however
 * the bytes trickle in; content gets the idle timeout plus one second per
 * {@code minDataRate} bytes received, and never more than the data timeout. Under overload
 * the idle timeout drops to 10 s.
 *
 * <p>Written by the session's thread, read by the deadline watcher.
 */
final class Deadline {
    private static final long OVERLOAD_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long idleNanos;
    private final long dataNanos;
    private final long minDataRate;
    private volatile long lastCommand;
    private volatile long contentStart;
    private volatile long contentBytes;
    private volatile boolean inContent;

    Deadline(ServerSettings settings) {
        this.idleNanos = settings.idleTimeout().toNanos();
        this.dataNanos = settings.dataTimeout().toNanos();
        this.minDataRate = settings.minDataRate();
        this.lastCommand = System.nanoTime();
    }

    void commandReceived(long now) {
        lastCommand = now;
    }

    void contentStarted(long now) {
        contentStart = now;
        contentBytes = 0;
        inContent = true;
    }

    void contentReceived(long bytes) {
        contentBytes += bytes;
    }

    void contentEnded(long now) {
        inContent = false;
        lastCommand = now;
    }

    boolean inContent() {
        return inContent;
    }

    Reply overdue(long now, boolean overloaded) {
        long idle = overloaded ? Math.min(idleNanos, OVERLOAD_IDLE_NANOS) : idleNanos;
        if (!inContent) {
            return now - lastCommand > idle ? Replies.TIMEOUT : null;
        }
        long elapsed = now - contentStart;
        if (elapsed > dataNanos) {
            return Replies.TIMEOUT;
        }
        if (minDataRate > 0) {
            long earned = TimeUnit.SECONDS.toNanos(1) / minDataRate * contentBytes;
            if (elapsed > idle + earned) {
                return Replies.TOO_SLOW;
            }
        }
        return null;
    }
}

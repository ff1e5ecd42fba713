package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import java.util.concurrent.TimeUnit;

/**
 * The time a client has, counted only while the server waits for it, as Postfix's per-request
 * deadlines and {@code smtpd_min_data_rate} count it: each command must be complete within
 * the idle timeout of the server's last answer, however the bytes trickle in; content must
 * keep coming (no pause longer than the idle timeout), must average the minimum data rate
 * after a grace of one idle timeout, and must be complete within the data timeout. Under
 * overload the idle timeout drops to 10 s. While the server works (a handler delivers a
 * message) the clock stops: a slow handler is not the client's fault.
 *
 * <p>Written by the session's worker, read by the deadline watcher.
 */
final class Deadline {
    private static final long OVERLOAD_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long idleNanos;
    private final long dataNanos;
    private final long minDataRate;
    private volatile boolean serverTurn;
    private volatile long waitingSince;
    private volatile long contentStart;
    private volatile long contentBytes;
    private volatile boolean inContent;

    Deadline(ServerSettings settings) {
        this.idleNanos = settings.idleTimeout().toNanos();
        this.dataNanos = settings.dataTimeout().toNanos();
        this.minDataRate = settings.minDataRate();
        this.waitingSince = System.nanoTime();
    }

    /** The server is working on the session: no deadline runs. */
    void serverTurn() {
        serverTurn = true;
    }

    /** The server waits for the client again, from {@code now}. */
    void clientTurn(long now) {
        waitingSince = now;
        serverTurn = false;
    }

    void contentStarted(long now) {
        contentStart = now;
        contentBytes = 0;
        inContent = true;
    }

    void contentReceived(long bytes) {
        contentBytes += bytes;
    }

    void contentEnded() {
        inContent = false;
    }

    /** The reply that ends the session if the client has overrun a deadline at {@code now}, or null. */
    Reply overdue(long now, boolean overloaded) {
        if (serverTurn) {
            return null;
        }
        long idle = overloaded ? Math.min(idleNanos, OVERLOAD_IDLE_NANOS) : idleNanos;
        if (now - waitingSince > idle) {
            return Replies.TIMEOUT;
        }
        if (!inContent) {
            return null;
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

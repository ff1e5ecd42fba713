package dev.inbound.smtp.transport;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs refused connections, one line a second at most, with a count of all refused so far:
 * a connection flood must not become a log flood.
 */
final class RefusalLog {
    private static final long LOG_EVERY_NANOS = 1_000_000_000L;

    private final Logger log;
    private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS - 1);
    private final AtomicLong refusals = new AtomicLong();

    RefusalLog(Logger log) {
        this.log = log;
    }

    /** A connection from {@code peer} was refused for {@code reason}, which must hold no raw client bytes. */
    void refused(Object peer, String reason) {
        long count = refusals.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLine.get();
        if (now - last > LOG_EVERY_NANOS && lastLine.compareAndSet(last, now)) {
            log.warn("refused connection from {}: {} ({} refused in all)", peer, reason, count);
        }
    }
}

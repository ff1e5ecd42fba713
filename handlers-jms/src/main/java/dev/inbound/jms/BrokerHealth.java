package dev.inbound.jms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the handler knows of the broker. After a failure it is taken as down: clients get their
 * 451 at once instead of each waiting out the timeout, until {@code retryInterval} has passed;
 * then one delivery at a time probes it. One WARN when an outage begins, one INFO when it ends.
 */
final class BrokerHealth {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerHealth.class);

    private final long retryNanos;
    private boolean down;
    private boolean probing;
    private long nextProbe;
    private long downSince;
    private long upSince = System.nanoTime();

    BrokerHealth(java.time.Duration retryInterval) {
        this.retryNanos = retryInterval.toNanos();
    }

    /** True when a delivery may go to the broker now; false means answer 451 without trying. */
    synchronized boolean mayTry() {
        if (!down) {
            return true;
        }
        if (!probing && System.nanoTime() - nextProbe >= 0) {
            probing = true;
            return true;
        }
        return false;
    }

    /** True while the broker is down and no probe is due: a new transaction can be refused early. */
    synchronized boolean knownDown() {
        return down && (probing || System.nanoTime() - nextProbe < 0);
    }

    synchronized void succeeded() {
        if (down) {
            LOG.info("JMS broker reachable again after {} s; delivering", (System.nanoTime() - downSince) / 1_000_000_000L);
            down = false;
            upSince = System.nanoTime();
        }
        probing = false;
    }

    /**
     * A delivery begun at {@code started} ({@link System#nanoTime()}) failed. One that began
     * before the broker came back belongs to the outage that has ended, and changes nothing.
     */
    synchronized void failed(Throwable cause, long started) {
        if (!down && started - upSince < 0) {
            return;
        }
        if (!down) {
            down = true;
            downSince = System.nanoTime();
            LOG.warn("JMS broker unavailable ({}); answering 451 4.3.0 and retrying every {} ms", describe(cause),
                    retryNanos / 1_000_000);
        }
        probing = false;
        nextProbe = System.nanoTime() + retryNanos;
    }

    /** A delivery ended without telling whether the broker works; a probe it held is released. */
    synchronized void settleWithoutVerdict() {
        probing = false;
    }

    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(cause.toString());
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append(" <- ").append(c);
        }
        return text.toString();
    }
}

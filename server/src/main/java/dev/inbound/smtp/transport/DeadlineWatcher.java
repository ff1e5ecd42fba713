package dev.inbound.smtp.transport;

import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.protocol.Conversation;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every session a few times a second for a client that has overrun its deadline,
 * and has the session's worker check again and close it with {@code 421 4.4.2}. A timer per
 * session would cost more than one sweep; a sweep also sees the server's load, which shortens
 * deadlines under overload.
 */
final class DeadlineWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatcher.class);
    /** A check is on its way to the session; one at a time is enough. */
    private static final AttributeKey CHECK_SENT = new AttributeKey(DeadlineWatcher.class, "checkSent");
    private static final double OVERLOAD = 0.8;

    private final List<? extends IoService> services;
    private final int maxConnections;
    private final long periodMillis;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("inbound-deadlines"));

    DeadlineWatcher(List<? extends IoService> services, ServerSettings settings) {
        this.services = List.copyOf(services);
        this.maxConnections = settings.maxConnections();
        this.periodMillis = Math.max(50, Math.min(1000, settings.idleTimeout().toMillis() / 4));
    }

    void start() {
        timer.scheduleWithFixedDelay(this::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** The session's worker has done the check this watcher asked for. */
    static void checked(IoSession session) {
        session.removeAttribute(CHECK_SENT);
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            int open = services.stream().mapToInt(IoService::getManagedSessionCount).sum();
            boolean overloaded = open >= OVERLOAD * maxConnections;
            for (IoSession session : services.stream()
                    .flatMap(service -> service.getManagedSessions().values().stream()).toList()) {
                Conversation conversation = SmtpIoHandler.conversation(session);
                if (conversation != null && conversation.overdue(now, overloaded)
                        && session.setAttributeIfAbsent(CHECK_SENT, Boolean.TRUE) == null) {
                    session.getFilterChain().fireEvent(new SessionEvent.CheckDeadline(overloaded));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("deadline sweep failed", e);
        }
    }
}

package dev.inbound.smtp.transport;

import dev.inbound.smtp.Reply;
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
 * Looks at every session a few times a second and closes those whose client has overrun its
 * deadline, with {@code 421 4.4.2}. A timer per session would cost more than one sweep; a
 * sweep also sees the server's load, which shortens deadlines under overload.
 */
final class DeadlineWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatcher.class);
    private static final AttributeKey EXPIRED = new AttributeKey(DeadlineWatcher.class, "expired");
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

    private void sweep() {
        try {
            long now = System.nanoTime();
            int open = services.stream().mapToInt(IoService::getManagedSessionCount).sum();
            boolean overloaded = open >= OVERLOAD * maxConnections;
            for (IoSession session : services.stream()
                    .flatMap(service -> service.getManagedSessions().values().stream()).toList()) {
                Conversation conversation = SmtpIoHandler.conversation(session);
                if (conversation == null || session.containsAttribute(EXPIRED)) {
                    continue;
                }
                Reply overdue = conversation.overdue(now, overloaded);
                if (overdue != null) {
                    session.setAttribute(EXPIRED, Boolean.TRUE);
                    LOG.info("session {} from {}: {}", conversation.sessionId(), session.getRemoteAddress(), overdue);
                    session.write(overdue);
                    session.closeOnFlush();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("deadline sweep failed", e);
        }
    }
}

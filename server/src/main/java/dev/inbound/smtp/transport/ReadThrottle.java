package dev.inbound.smtp.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.executor.IoEventQueueHandler;

/**
 * Stops reading from a session whose received bytes wait in the executor's queue beyond a
 * limit, and reads again once they are worked off. Without it a client that sends faster
 * than its handler stores would pile the difference up in memory.
 */
final class ReadThrottle implements IoEventQueueHandler {
    private static final AttributeKey STATE = new AttributeKey(ReadThrottle.class, "state");

    private final long limit;

    ReadThrottle(long limit) {
        this.limit = limit;
    }

    private static final class Queue {
        final AtomicLong bytes = new AtomicLong();
        final AtomicBoolean suspended = new AtomicBoolean();
    }

    @Override
    public boolean accept(Object source, IoEvent event) {
        return true;
    }

    @Override
    public void offered(Object source, IoEvent event) {
        long size = size(event);
        if (size == 0) {
            return;
        }
        Queue queue = queue(event.getSession());
        if (queue.bytes.addAndGet(size) > limit && queue.suspended.compareAndSet(false, true)) {
            event.getSession().suspendRead();
        }
    }

    @Override
    public void polled(Object source, IoEvent event) {
        long size = size(event);
        if (size == 0) {
            return;
        }
        Queue queue = queue(event.getSession());
        if (queue.bytes.addAndGet(-size) <= limit / 2 && queue.suspended.compareAndSet(true, false)) {
            event.getSession().resumeRead();
        }
    }

    private static long size(IoEvent event) {
        if (event.getType() == IoEventType.MESSAGE_RECEIVED && event.getParameter() instanceof IoBuffer buffer) {
            return buffer.remaining();
        }
        return 0;
    }

    private static Queue queue(IoSession session) {
        Queue fresh = new Queue();
        Queue existing = (Queue) session.setAttributeIfAbsent(STATE, fresh);
        return existing != null ? existing : fresh;
    }
}

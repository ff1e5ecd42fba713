package dev.inbound.smtp.transport;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
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
    private static final AttributeKey BACKLOG = new AttributeKey(ReadThrottle.class, "backlog");

    private final long limit;

    ReadThrottle(long limit) {
        this.limit = limit;
    }

    /**
     * One session's queued bytes. The executor may report an event polled before it reports it
     * offered, so both reports settle the read state under one lock: whichever comes last leaves
     * the session suspended only while bytes really wait, and so never suspended for good.
     */
    private static final class Backlog {
        private long bytes;
        private boolean suspended;

        synchronized void add(IoSession session, long delta, long limit) {
            bytes += delta;
            if (bytes > limit && !suspended) {
                suspended = true;
                session.suspendRead();
            } else if (bytes <= limit / 2 && suspended) {
                suspended = false;
                session.resumeRead();
                wakeSelector(session);
            }
        }
    }

    /**
     * resumeRead() only changes the selection key; a selector already blocked in select() would
     * not see it until its one-second timeout. A flush request wakes it at once (an empty flush
     * writes nothing).
     */
    @SuppressWarnings("unchecked")
    private static void wakeSelector(IoSession session) {
        if (session instanceof AbstractIoSession nio) {
            ((IoProcessor<IoSession>) nio.getProcessor()).flush(session);
        }
    }

    @Override
    public boolean accept(Object source, IoEvent event) {
        return true;
    }

    @Override
    public void offered(Object source, IoEvent event) {
        long size = size(event);
        if (size > 0) {
            backlog(event.getSession()).add(event.getSession(), size, limit);
        }
    }

    @Override
    public void polled(Object source, IoEvent event) {
        long size = size(event);
        if (size > 0) {
            backlog(event.getSession()).add(event.getSession(), -size, limit);
        }
    }

    private static long size(IoEvent event) {
        if (event.getType() == IoEventType.MESSAGE_RECEIVED && event.getParameter() instanceof IoBuffer buffer) {
            return buffer.remaining();
        }
        return 0;
    }

    private static Backlog backlog(IoSession session) {
        Backlog fresh = new Backlog();
        Backlog existing = (Backlog) session.setAttributeIfAbsent(BACKLOG, fresh);
        return existing != null ? existing : fresh;
    }
}

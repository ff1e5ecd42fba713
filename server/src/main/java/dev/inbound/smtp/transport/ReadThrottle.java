package dev.inbound.smtp.transport;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.executor.IoEventQueueHandler;

/**
 * Stops reading from a session whose received bytes wait in the executor's queue beyond a
 * limit, or whose replies wait to be sent beyond it, and reads again once both are worked off.
 * Without it a client that sends faster than its handler stores, or that pipelines commands
 * and never reads the replies (RFC 2920 lets the server stop reading then), would pile the
 * difference up in memory.
 *
 * <p>It must come ahead of TLS (see {@link #polled}); only {@link ProxyProtocolFilter}, which
 * lets writes and their {@code messageSent} pass untouched, may come before it.
 *
 * <p>Both halves run on the session's I/O thread. Suspending does already: the executor is
 * offered each read there. Resuming is decided where the session's events run (a worker, or
 * the I/O thread itself for a non-blocking handler), which then writes an empty marker
 * buffer; when the I/O thread reports the marker sent, this filter resumes reading. MINA
 * changes a session's selection key by read-modify-write, so a resume from a worker could be
 * lost against the I/O thread's own update of the key, and a blocked select() would not see
 * it for a second; on the I/O thread neither happens.
 */
final class ReadThrottle extends IoFilterAdapter implements IoEventQueueHandler {
    private static final AttributeKey BACKLOG = new AttributeKey(ReadThrottle.class, "backlog");

    private final long limit;

    ReadThrottle(long limit) {
        this.limit = limit;
    }

    /** One session's bytes offered to the executor and not yet taken by a worker. */
    private static final class Backlog {
        long bytes;
        boolean suspended;
        /** The marker written to ask the I/O thread to resume, while one is on its way. */
        IoBuffer resumeMarker;
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
        IoSession session = event.getSession();
        Backlog backlog = backlog(session);
        synchronized (backlog) {
            backlog.bytes += size;
            if (!backlog.suspended && (backlog.bytes > limit || session.getScheduledWriteBytes() > limit)) {
                backlog.suspended = true;
                session.suspendRead();
            }
        }
    }

    @Override
    public void polled(Object source, IoEvent event) {
        long size = size(event);
        if (size == 0) {
            return;
        }
        IoSession session = event.getSession();
        Backlog backlog = backlog(session);
        IoBuffer marker = null;
        synchronized (backlog) {
            backlog.bytes -= size;
            if (backlog.suspended && backlog.resumeMarker == null && backlog.bytes <= limit / 2) {
                marker = IoBuffer.wrap(new byte[0]);
                backlog.resumeMarker = marker;
            }
        }
        if (marker != null) {
            // Past the rest of the chain, straight to the socket, from the first filter: session.write()
            // refuses an empty buffer, and SslFilter would swallow one without reporting it sent.
            session.getFilterChain().getNextFilter(this).filterWrite(session, new DefaultWriteRequest(marker));
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) {
        Backlog backlog = (Backlog) session.getAttribute(BACKLOG);
        if (backlog == null) {
            next.messageSent(session, request);
            return;
        }
        boolean marker;
        synchronized (backlog) {
            marker = request.getOriginalMessage() == backlog.resumeMarker;
            if (marker) {
                backlog.resumeMarker = null;
            }
            // More may have queued up since the worker asked; then a later poll or send tries again.
            if (backlog.suspended && backlog.bytes <= limit / 2 && session.getScheduledWriteBytes() <= limit / 2) {
                backlog.suspended = false;
                session.resumeRead();
            }
        }
        if (!marker) {
            next.messageSent(session, request);
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

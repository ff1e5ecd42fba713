package dev.inbound.smtp.transport;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.executor.IoEventQueueHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each session's events one at a time and in order, on the thread that brings them: a
 * command read by the session's I/O thread is decoded and answered there, without a hand-off
 * to a worker and another back to write the reply. It serves handlers that never block
 * ({@link dev.inbound.smtp.Handler#nonBlocking()}); the others get MINA's ordered thread pool.
 *
 * <p>Filter events ({@link SessionEvent}, {@link MinaChannel.Resume}, TLS events) also come
 * from other threads: the timer, the deadline watcher, a stopping server. They go to a worker,
 * so that neither the timer nor the watcher runs a session's work. While one thread runs a
 * session's events, any other thread that brings one only queues it behind them, and the
 * running thread works the queue off; the {@link ReadThrottle} sees the queue as it sees the
 * pool's, so a session that another thread is busy with stops being read past its limit.
 */
final class InlineSessionExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(InlineSessionExecutor.class);
    private static final AttributeKey QUEUE = new AttributeKey(InlineSessionExecutor.class, "queue");

    private final Executor workers;
    private final IoEventQueueHandler throttle;

    InlineSessionExecutor(Executor workers, IoEventQueueHandler throttle) {
        this.workers = workers;
        this.throttle = throttle;
    }

    /** One session's events not yet run, and whether a thread is running them. */
    private static final class SessionQueue {
        final ArrayDeque<IoEvent> events = new ArrayDeque<>();
        boolean running;
    }

    @Override
    public void execute(Runnable task) {
        IoEvent event = (IoEvent) task;
        SessionQueue queue = queue(event.getSession());
        throttle.offered(this, event);
        synchronized (queue) {
            queue.events.add(event);
            if (queue.running) {
                return;
            }
            queue.running = true;
        }
        if (event.getType() != IoEventType.EVENT) {
            drain(queue);
            return;
        }
        try {
            workers.execute(() -> drain(queue));
        } catch (RejectedExecutionException stopping) {
            synchronized (queue) {
                queue.running = false;
            }
            event.getSession().closeNow();
        }
    }

    private void drain(SessionQueue queue) {
        while (true) {
            IoEvent event;
            synchronized (queue) {
                event = queue.events.poll();
                if (event == null) {
                    queue.running = false;
                    return;
                }
            }
            throttle.polled(this, event);
            try {
                event.fire();
            } catch (RuntimeException | Error e) {
                // The handler catches its own; this is a filter's. Thrown on, it would leave the
                // queue marked running and the session's later events (its close) never run.
                LOG.error("event {} failed, closing the session", event.getType(), e);
                event.getSession().closeNow();
            }
        }
    }

    private static SessionQueue queue(IoSession session) {
        SessionQueue queue = (SessionQueue) session.getAttribute(QUEUE);
        if (queue == null) {
            SessionQueue fresh = new SessionQueue();
            queue = (SessionQueue) session.setAttributeIfAbsent(QUEUE, fresh);
            if (queue == null) {
                queue = fresh;
            }
        }
        return queue;
    }
}

package dev.inbound.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One shared connection and the transacted sessions on it, reused from message to message.
 * When the connection fails (its exception listener fires, or the handler gives up on it), the
 * pool moves to a new generation: old sessions are closed as they come back, and the next
 * delivery opens a new connection. That is the reconnect, and it works with any provider.
 */
final class SessionPool implements AutoCloseable {
    private final ConnectionFactory factory;
    private final String user;
    private final String password;
    /** How long close() waits for sessions and the connection to close (a dead broker can take the call timeout). */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Deque<ProducerSlot> idle = new ConcurrentLinkedDeque<>();
    /** Closing a broken connection can block on the network; it must not hold up a delivery. */
    private final HandlerThreads closerThread = new HandlerThreads("inbound-jms-closer", false);
    private final ExecutorService closer = Executors.newSingleThreadExecutor(closerThread);
    private final Object connecting = new Object();
    private Connection connection;
    private long generation;
    private boolean closed;

    SessionPool(ConnectionFactory factory, String user, String password) {
        this.factory = factory;
        this.user = user;
        this.password = password;
    }

    /** An idle session of the current connection, or a new one (and the connection, if need be). */
    ProducerSlot take() throws JMSException {
        for (ProducerSlot slot; (slot = idle.pollFirst()) != null; ) {
            if (slot.generation == currentGeneration()) {
                return slot;
            }
            closeLater(slot::close);
        }
        Connection shared;
        long current;
        // One connect at a time, outside the pool's lock: a broker that does not answer must
        // hold up only the deliveries waiting for a connection, never give, reset or close.
        synchronized (connecting) {
            synchronized (this) {
                if (closed) {
                    throw new JMSException("The JMS handler is closed");
                }
                shared = connection;
                current = generation;
            }
            if (shared == null) {
                shared = open(current);
                synchronized (this) {
                    if (closed) {
                        Connection unwanted = shared;
                        closeLater(() -> closeQuietly(unwanted));
                        throw new JMSException("The JMS handler is closed");
                    }
                    connection = shared;
                }
            }
        }
        try {
            return new ProducerSlot(shared.createSession(true, Session.SESSION_TRANSACTED), current);
        } catch (JMSException | RuntimeException e) {
            reset(current);
            throw e;
        }
    }

    private Connection open(long forGeneration) throws JMSException {
        Connection opened = user == null ? factory.createConnection() : factory.createConnection(user, password);
        try {
            opened.setExceptionListener(e -> reset(forGeneration));
        } catch (JMSException | RuntimeException e) {
            // some container-managed connections refuse a listener; a failed send resets them instead
        }
        return opened;
    }

    /** Back into the pool after a commit. */
    void give(ProducerSlot slot) {
        if (slot.generation == currentGeneration()) {
            idle.push(slot);
        } else {
            closeLater(slot::close);
        }
    }

    /** A session whose message the broker refused: closed (rolling back), its connection kept. */
    void drop(ProducerSlot slot) {
        closeLater(slot::close);
    }

    /** A session that failed is never reused; nor, to be safe, is its connection. */
    void discard(ProducerSlot slot) {
        closeLater(slot::close);
        reset(slot.generation);
    }

    /** Gives up the connection of generation {@code failed}, if it is still the current one. */
    synchronized void reset(long failed) {
        if (failed != generation) {
            return;
        }
        generation++;
        Connection old = connection;
        connection = null;
        if (old != null) {
            closeLater(() -> closeQuietly(old));
        }
    }

    private static void closeQuietly(Connection given) {
        try {
            given.close();
        } catch (JMSException | RuntimeException e) {
            // it is being given up: it failed, or nobody wants it any more
        }
    }

    /** The generation of the connection the next session will be on. */
    synchronized long currentGeneration() {
        return generation;
    }

    private void closeLater(Runnable close) {
        try {
            closer.execute(close);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            close.run();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            reset(generation);
        }
        for (ProducerSlot slot; (slot = idle.pollFirst()) != null; ) {
            closeLater(slot::close);
        }
        closer.shutdown();
        // Waited for: in a web application, closing after the application's class loader is gone fails.
        closerThread.awaitEnd(closer, CLOSE_WAIT);
    }
}

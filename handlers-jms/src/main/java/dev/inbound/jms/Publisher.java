package dev.inbound.jms;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Session;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends messages as PERSISTENT on a pooled transacted session and commits; returns only once
 * the broker has committed, or throws. The work runs on a thread of its own so that the caller
 * can give up at a deadline, whatever the provider does: a broker that hangs costs the SMTP
 * client a 451 after the timeout, never a stuck session.
 */
final class Publisher implements AutoCloseable {
    /** What one JMS message carries: its destination and the recipients it stands for. */
    record Batch(DestinationName destination, List<String> recipients) {
    }

    /**
     * The broker refused a message (not allowed to send there, no such destination), on a
     * connection that works: the broker is up, the message still gets 451.
     */
    static final class Refused extends JMSException {
        private static final long serialVersionUID = 1L;

        Refused(JMSException cause) {
            super("Refused by the broker: " + cause.getMessage());
            initCause(cause);
        }
    }

    private final SessionPool pool;
    private final Map<DestinationName, Destination> jndiDestinations;
    private final HandlerThreads senderThreads = new HandlerThreads("inbound-jms-", true);
    private final ExecutorService senders;

    Publisher(SessionPool pool, Map<DestinationName, Destination> jndiDestinations, int threads) {
        this.pool = pool;
        this.jndiDestinations = jndiDestinations;
        this.senders = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                senderThreads);
    }

    /**
     * Sends one message per batch in a single transaction and commits it, by {@code deadline}
     * ({@link System#nanoTime()}). After a timeout the transaction is rolled back if it has not
     * reached its commit; one that is committing may still land, so a 451 can mean a duplicate,
     * never a loss.
     */
    void publish(Session smtp, Envelope envelope, MailHeaders headers, List<Batch> batches, long deadline)
            throws JMSException, TimeoutException, InterruptedException {
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<?> sending = senders.submit(() -> {
            send(smtp, envelope, headers, batches, abandoned);
            return null;
        });
        try {
            sending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            // The client gets 451: the send must not commit now, or a retry would duplicate it.
            abandoned.set(true);
            sending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JMSException jms) {
                throw jms;
            }
            JMSException wrapped = new JMSException("Sending failed: " + cause);
            wrapped.initCause(cause);
            throw wrapped;
        }
    }

    private void send(Session smtp, Envelope envelope, MailHeaders headers, List<Batch> batches,
            AtomicBoolean abandoned) throws Exception {
        ProducerSlot slot = pool.take();
        try {
            for (Batch batch : batches) {
                BytesMessage message = slot.session.createBytesMessage();
                InputStream body = MailMessages.fill(message, smtp, envelope, batch.recipients(), headers);
                try {
                    slot.producer.send(slot.destination(batch.destination(), jndiDestinations), message,
                            DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
                } finally {
                    if (body != null) {
                        body.close();
                    }
                }
            }
            if (abandoned.get()) {
                throw new TimeoutException("The client was answered 451 before the commit");
            }
            slot.session.commit();
        } catch (JMSSecurityException | InvalidDestinationException e) {
            // the broker is there and said no to this message: its connection is fine
            pool.drop(slot);
            throw new Refused(e);
        } catch (Exception | Error e) {
            // Closing a transacted session rolls back what it sent. A send given up at the
            // deadline (and interrupted) says nothing against the connection the other sessions
            // share; any other failure does, and the connection goes too.
            if (abandoned.get()) {
                pool.drop(slot);
            } else {
                pool.discard(slot);
            }
            throw e;
        }
        pool.give(slot);
    }

    @Override
    public void close() {
        senders.shutdownNow();
        pool.close();
        senderThreads.awaitEnd(senders, SessionPool.CLOSE_WAIT);
    }
}

package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every message in memory, for tests: list them, wait for a number of them, clear.
 *
 * <pre>{@code
 * CollectorHandler collector = new CollectorHandler();
 * SmtpServer server = SmtpServer.builder().handler(collector).port(0).build();
 * server.start();
 * sendTwoMessages(server.port());
 * List<CollectedMessage> got = collector.awaitCount(2, Duration.ofSeconds(5));
 * }</pre>
 */
public final class CollectorHandler implements Handler {
    private final List<CollectedMessage> messages = new ArrayList<>();

    @Override
    public Reply onData(Session session, Envelope envelope) throws Exception {
        byte[] bytes;
        try (InputStream in = envelope.content().openStream()) {
            bytes = in.readAllBytes();
        }
        CollectedMessage message = new CollectedMessage(envelope.id(), envelope.mailFrom(), envelope.rcptTos(),
                envelope.mailOptions(), envelope.smtpUtf8(), bytes);
        synchronized (messages) {
            messages.add(message);
            messages.notifyAll();
        }
        return null;
    }

    /** The messages so far, oldest first. */
    public List<CollectedMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /**
     * Waits until at least {@code count} messages have arrived and returns them; throws
     * {@link AssertionError} if they have not within {@code timeout}.
     */
    public List<CollectedMessage> awaitCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (messages.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + count + " messages within " + timeout + ", got "
                            + messages.size());
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(messages);
        }
    }

    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }
}

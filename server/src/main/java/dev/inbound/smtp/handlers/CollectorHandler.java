package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
        CollectedMessage message = new CollectedMessage(session, envelope, bytes);
        synchronized (messages) {
            messages.add(message);
            messages.notifyAll();
        }
        return null;
    }

    /** It keeps messages in memory, under a lock held only to add one. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    /** The messages so far, oldest first. */
    public List<CollectedMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /**
     * Waits until at least {@code count} messages have arrived and returns them, oldest first;
     * throws {@link AssertionError} if they have not within {@code timeout}.
     */
    public List<CollectedMessage> awaitCount(int count, Duration timeout) throws InterruptedException {
        List<CollectedMessage> got = awaitMatching(message -> true, count, timeout);
        if (got.size() < count) {
            throw new AssertionError("Expected " + count + " messages within " + timeout + ", got " + got.size());
        }
        return got;
    }

    /**
     * Waits until at least {@code count} messages that {@code match} accepts have arrived and
     * returns them, oldest first; after {@code timeout}, returns those there are, fewer.
     */
    public List<CollectedMessage> awaitMatching(Predicate<? super CollectedMessage> match, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (true) {
                List<CollectedMessage> matching = messages.stream().filter(match).toList();
                long left = deadline - System.nanoTime();
                if (matching.size() >= count || left <= 0) {
                    return matching;
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }
}

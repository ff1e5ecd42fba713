package dev.inbound.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Received messages in memory, for tests to read: bounded by a number of messages and a number
 * of bytes, the oldest evicted first. Thread-safe.
 *
 * <pre>{@code
 * MessageStore store = new MessageStore(1000, 256L << 20);
 * SmtpServer server = SmtpServer.builder().handler(new StoreHandler(store)).port(0).build();
 * server.start();
 * // ... send mail to server.port()
 * List<StoredMessage> two = store.await(m -> m.envelope().rcptTos().contains("bob@example.net"), 2,
 *         Duration.ofSeconds(10));
 * }</pre>
 */
public final class MessageStore {
    public static final int DEFAULT_MAX_MESSAGES = 1000;
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final int maxMessages;
    private final long maxBytes;
    private final Clock clock;
    /** Oldest first. */
    private final ArrayDeque<StoredMessage> messages = new ArrayDeque<>();
    private final Map<String, StoredMessage> byId = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long bytes;
    private long lastId;

    /** A store of at most {@value #DEFAULT_MAX_MESSAGES} messages and 256 MiB. */
    public MessageStore() {
        this(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);
    }

    public MessageStore(int maxMessages, long maxBytes) {
        this(maxMessages, maxBytes, Clock.systemUTC());
    }

    MessageStore(int maxMessages, long maxBytes, Clock clock) {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("A store needs room for at least one message of one byte: "
                    + maxMessages + " messages, " + maxBytes + " bytes");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public int maxMessages() {
        return maxMessages;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Keeps {@code raw} as a new message, evicting the oldest ones until both limits hold, and
     * wakes the waiters it satisfies.
     *
     * @throws IllegalArgumentException when {@code raw} alone is larger than {@link #maxBytes()}
     */
    public StoredMessage add(MailEnvelope envelope, byte[] raw) {
        if (raw.length > maxBytes) {
            throw new IllegalArgumentException("A message of " + raw.length + " bytes is larger than the store ("
                    + maxBytes + " bytes)");
        }
        List<Waiter> satisfied = new ArrayList<>();
        StoredMessage message;
        synchronized (this) {
            message = new StoredMessage(Long.toString(++lastId), clock.instant(), envelope, raw.clone());
            while (messages.size() >= maxMessages || bytes + raw.length > maxBytes) {
                StoredMessage evicted = messages.removeFirst();
                byId.remove(evicted.id());
                bytes -= evicted.size();
            }
            messages.addLast(message);
            byId.put(message.id(), message);
            bytes += raw.length;
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                Waiter waiter = it.next();
                try {
                    // Only a message it matches can bring a waiter to its count; others cost one test.
                    if (!waiter.match.test(message)) {
                        continue;
                    }
                    List<StoredMessage> matching = matching(waiter.match);
                    if (matching.size() >= waiter.count) {
                        it.remove();
                        waiter.matching = matching;
                        satisfied.add(waiter);
                    }
                } catch (RuntimeException e) {
                    // A filter that throws fails its own wait, never the delivery storing this message.
                    it.remove();
                    waiter.failure = e;
                    satisfied.add(waiter);
                }
            }
        }
        // Outside the lock: what the waiters go on to do must not hold up the next message.
        // (A CompletableFuture hands a dependent's exception to that dependent, not to complete().)
        satisfied.forEach(waiter -> {
            if (waiter.failure != null) {
                waiter.future.completeExceptionally(waiter.failure);
            } else {
                waiter.future.complete(waiter.matching);
            }
        });
        return message;
    }

    /** Every message, newest first. */
    public synchronized List<StoredMessage> list() {
        return matching(message -> true);
    }

    /** The messages {@code match} accepts, newest first. */
    public synchronized List<StoredMessage> matching(Predicate<? super StoredMessage> match) {
        List<StoredMessage> found = new ArrayList<>();
        for (Iterator<StoredMessage> it = messages.descendingIterator(); it.hasNext();) {
            StoredMessage message = it.next();
            if (match.test(message)) {
                found.add(message);
            }
        }
        return found;
    }

    public synchronized Optional<StoredMessage> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public synchronized int size() {
        return messages.size();
    }

    /** How many {@link #whenMatching} callers wait now, for monitoring. */
    public synchronized int waiting() {
        return waiters.size();
    }

    /** Bytes held by the messages in the store. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Forgets every message; ids go on from where they were, so an old id never names a new message. */
    public synchronized void clear() {
        messages.clear();
        byId.clear();
        bytes = 0;
    }

    /**
     * Completes with the matching messages, newest first, as soon as at least {@code count} of
     * them are in the store (those there already included); no thread waits meanwhile. Cancel
     * it, or let it time out with {@link CompletableFuture#orTimeout}, to stop waiting.
     */
    public CompletableFuture<List<StoredMessage>> whenMatching(Predicate<? super StoredMessage> match, int count) {
        Waiter waiter = new Waiter(match, count);
        synchronized (this) {
            List<StoredMessage> matching = matching(match);
            if (matching.size() >= count) {
                return CompletableFuture.completedFuture(matching);
            }
            waiters.add(waiter);
        }
        waiter.future.whenComplete((done, failure) -> {
            synchronized (this) {
                waiters.remove(waiter); // timed out or cancelled: forget it
            }
        });
        return waiter.future;
    }

    /**
     * Waits until at least {@code count} messages that {@code match} accepts are in the store
     * and returns them, newest first; after {@code timeout}, returns those there are, fewer.
     */
    public List<StoredMessage> await(Predicate<? super StoredMessage> match, int count, Duration timeout)
            throws InterruptedException {
        CompletableFuture<List<StoredMessage>> found = whenMatching(match, count);
        try {
            return found.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            found.cancel(false);
            return matching(match);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // nothing completes it exceptionally but a cancel
        } finally {
            found.cancel(false); // on interrupt too
        }
    }

    private static final class Waiter {
        final Predicate<? super StoredMessage> match;
        final int count;
        final CompletableFuture<List<StoredMessage>> future = new CompletableFuture<>();
        List<StoredMessage> matching;
        RuntimeException failure;

        Waiter(Predicate<? super StoredMessage> match, int count) {
            this.match = match;
            this.count = count;
        }
    }
}

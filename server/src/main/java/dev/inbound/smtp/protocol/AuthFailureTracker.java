package dev.inbound.smtp.protocol;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed AUTH attempts per client address, shared by a server's sessions: an address with
 * {@code limit} failures within {@code window} is refused AUTH ({@code 454}) for {@code ban}.
 * Memory stays bounded: entries go once they are stale, and the oldest go first beyond
 * {@code maxAddresses}.
 */
public final class AuthFailureTracker {
    private static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final long windowNanos;
    private final long banNanos;
    private final int maxAddresses;
    private final LongSupplier clock;
    /** In order of last failure, oldest first. */
    private final LinkedHashMap<InetAddress, Failures> byAddress = new LinkedHashMap<>();

    private static final class Failures {
        final ArrayDeque<Long> times = new ArrayDeque<>();
        long bannedUntil;
        boolean banned;
    }

    /** Postfix-like defaults: 10 failures in 10 minutes ban the address for 10 minutes. */
    public AuthFailureTracker() {
        this(10, Duration.ofMinutes(10), Duration.ofMinutes(10), MAX_ADDRESSES, System::nanoTime);
    }

    AuthFailureTracker(int limit, Duration window, Duration ban, int maxAddresses, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.banNanos = ban.toNanos();
        this.maxAddresses = maxAddresses;
        this.clock = clock;
    }

    /** Whether AUTH from {@code address} is refused for now. */
    public synchronized boolean banned(InetAddress address) {
        Failures failures = byAddress.get(address);
        return failures != null && failures.banned && clock.getAsLong() - failures.bannedUntil < 0;
    }

    /** Counts a failed attempt from {@code address}. */
    public synchronized void failed(InetAddress address) {
        long now = clock.getAsLong();
        evictStale(now);
        Failures failures = byAddress.remove(address);
        if (failures == null) {
            failures = new Failures();
        }
        byAddress.put(address, failures); // now the newest
        failures.times.addLast(now);
        while (failures.times.size() > limit || now - failures.times.peekFirst() > windowNanos) {
            failures.times.removeFirst();
        }
        if (failures.times.size() >= limit) {
            failures.banned = true;
            failures.bannedUntil = now + banNanos;
            failures.times.clear();
        }
        if (byAddress.size() > maxAddresses) {
            Iterator<InetAddress> oldest = byAddress.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    synchronized int size() {
        return byAddress.size();
    }

    private void evictStale(long now) {
        Iterator<Map.Entry<InetAddress, Failures>> entries = byAddress.entrySet().iterator();
        while (entries.hasNext()) {
            Failures failures = entries.next().getValue();
            boolean banOver = !failures.banned || now - failures.bannedUntil >= 0;
            boolean windowOver = failures.times.isEmpty() || now - failures.times.peekLast() > windowNanos;
            if (!banOver || !windowOver) {
                return; // entries are in order of last use: the rest are newer
            }
            entries.remove();
        }
    }
}

package dev.inbound.jms;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handler's daemon threads, remembered so that close() can wait until they have ended, not
 * only until their executor says it has terminated (the thread runs on a moment after that). In
 * a web application, a thread still alive when the application stops is a leak, and one that
 * closes a connection after its class loader is gone fails.
 */
final class HandlerThreads implements ThreadFactory {
    private final String name;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    /** Threads called {@code name}, or {@code name1}, {@code name2}, ... when {@code numbered}. */
    HandlerThreads(String name, boolean numbered) {
        this.name = name;
        this.numbered = numbered;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, numbered ? name + count.incrementAndGet() : name);
        thread.setDaemon(true);
        made.add(thread);
        return thread;
    }

    /** Waits up to {@code timeout} for {@code executor}, shut down, to finish and for these threads to end. */
    void awaitEnd(ExecutorService executor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                for (Thread thread : made) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return;
                    }
                    thread.join(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.inbound.jms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** SMTP clients on threads of their own, numbered from 0, all started at once. */
final class ClientThreads {
    /** What client number {@code n} does. */
    interface Client {
        void run(int n) throws Exception;
    }

    private final List<Future<?>> running = new ArrayList<>();

    private ClientThreads() {
    }

    static ClientThreads start(int count, Client client) {
        ClientThreads threads = new ClientThreads();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        for (int c = 0; c < count; c++) {
            int n = c;
            threads.running.add(pool.submit(() -> {
                client.run(n);
                return null;
            }));
        }
        pool.shutdown();
        return threads;
    }

    /** True when a client has ended, which before {@link #await} means it failed. */
    boolean anyEnded() {
        return running.stream().anyMatch(Future::isDone);
    }

    /** Waits for every client; rethrows the first failure. */
    void await(long seconds) throws Exception {
        for (Future<?> f : running) {
            f.get(seconds, TimeUnit.SECONDS);
        }
    }
}

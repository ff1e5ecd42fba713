package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySyncTest {
    @TempDir
    Path dir;

    @Test
    void alwaysSyncsOncePerCall() throws Exception {
        DirectorySync sync = new DirectorySync(FsyncMode.ALWAYS);
        sync.sync(dir);
        sync.sync(dir);
        assertThat(sync.fsyncCount()).isEqualTo(2);
    }

    @Test
    void neverSyncs() throws Exception {
        DirectorySync sync = new DirectorySync(FsyncMode.NEVER);
        sync.sync(dir);
        assertThat(sync.fsyncCount()).isZero();
    }

    @Test
    void batchedCallersThatArriveTogetherShareDirectorySyncs() throws Exception {
        DirectorySync sync = new DirectorySync(FsyncMode.BATCHED);
        int threads = 16;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        sync.sync(dir);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // Every call returned, so each was covered by a sync; with 16 callers at once they shared some.
        assertThat(sync.fsyncCount()).isPositive().isLessThan((long) threads * each);
    }

    @Test
    void batchedCallerArrivingDuringAnFsyncWaitsForTheNextOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        DirectorySync sync = new DirectorySync(FsyncMode.BATCHED, d -> {
            if (forces.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> leader = pool.submit(() -> {
                sync.sync(dir);
                return null;
            });
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            // This caller's entry came after the running fsync began, so that fsync does not cover it.
            Future<?> late = pool.submit(() -> {
                sync.sync(dir);
                return forces.get();
            });
            assertThatThrownBy(() -> late.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            releaseFirst.countDown();
            leader.get(10, TimeUnit.SECONDS);
            assertThat(late.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            releaseFirst.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("not released");
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Test
    void batchedSyncOfAMissingDirectoryFailsTheCaller() {
        DirectorySync sync = new DirectorySync(FsyncMode.BATCHED);
        assertThatThrownBy(() -> sync.sync(dir.resolve("gone"))).isInstanceOf(IOException.class);
    }
}

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
    void batchedSyncOfAMissingDirectoryFailsEveryCallerOfTheGroup() {
        DirectorySync sync = new DirectorySync(FsyncMode.BATCHED);
        assertThatThrownBy(() -> sync.sync(dir.resolve("gone"))).isInstanceOf(IOException.class);
    }
}

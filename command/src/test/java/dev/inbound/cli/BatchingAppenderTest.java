package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The command's log writer: every line written, in each thread's order, with its MDC; none lost at stop. */
class BatchingAppenderTest {
    private static final int THREADS = 4;
    private static final int LINES = 2000;

    @Test
    void aQueueTooSmallForTheLinesMakesLoggersWaitAndLosesNone() throws Exception {
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        BatchingAppender batching = start(context, written, 4);
        Logger logger = context.getLogger("test");
        ExecutorService sessions = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String session = "S" + t;
            done.add(sessions.submit(() -> {
                MDC.put("session", session);
                for (int i = 0; i < LINES; i++) {
                    logger.info("line {}", i);
                }
                MDC.remove("session");
            }));
        }
        for (Future<?> each : done) {
            each.get(30, TimeUnit.SECONDS);
        }
        sessions.shutdown();
        batching.stop();

        assertThat(written.list).hasSize(THREADS * LINES);
        ConcurrentHashMap<String, Integer> next = new ConcurrentHashMap<>();
        for (ILoggingEvent event : written.list) {
            String session = event.getMDCPropertyMap().get("session");
            int expected = next.getOrDefault(session, 0);
            assertThat(event.getFormattedMessage()).as("in %s's order", session).isEqualTo("line " + expected);
            next.put(session, expected + 1);
        }
        assertThat(next).hasSize(THREADS);
    }

    @Test
    void stoppingWritesWhatIsQueued() {
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        BatchingAppender batching = start(context, written, 8192);
        Logger logger = context.getLogger("test");
        for (int i = 0; i < 1000; i++) {
            logger.info("line {}", i);
        }
        batching.stop(); // well within the writer's lingering: most lines are still queued
        assertThat(written.list).hasSize(1000);
        assertThat(written.isStarted()).as("the console is stopped with it").isFalse();
    }

    private static BatchingAppender start(LoggerContext context, ListAppender<ILoggingEvent> written, int queueSize) {
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one MDC.put writes to
        context.start();
        written.setContext(context);
        written.start();
        BatchingAppender batching = new BatchingAppender();
        batching.setContext(context);
        batching.setQueueSize(queueSize);
        batching.addAppender(written);
        batching.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(batching);
        return batching;
    }
}

package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The command's console behind its batching writer: a batch in one write, each batch out at once, nothing left at stop. */
class BufferedConsoleAppenderTest {
    private final PrintStream realErr = System.err;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final AtomicInteger writes = new AtomicInteger();
    private final LoggerContext context = new LoggerContext();
    private BatchingAppender batching;
    private Logger logger;

    @BeforeEach
    void start() {
        // As System.err does: every write goes out (is counted) at once.
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] buf, int off, int len) {
                writes.incrementAndGet();
                super.write(buf, off, len);
            }
        });
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        BufferedConsoleAppender<ILoggingEvent> buffered = new BufferedConsoleAppender<>();
        buffered.setContext(context);
        buffered.setTarget("System.err");
        buffered.setEncoder(encoder);
        buffered.start();
        batching = new BatchingAppender();
        batching.setContext(context);
        batching.addAppender(buffered);
        batching.start();
        logger = context.getLogger(Logger.ROOT_LOGGER_NAME);
        logger.setLevel(Level.INFO);
        logger.addAppender(batching);
    }

    @AfterEach
    void restore() {
        batching.stop();
        System.setErr(realErr);
    }

    private String written() {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLineAloneReachesTheConsoleWithItsBatch() throws Exception {
        logger.info("alone");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!written().equals("alone\n") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(written()).as("flushed after its batch, not held until stop").isEqualTo("alone\n");
    }

    @Test
    void aBurstOfLinesIsWrittenInFewWritesAndWhole() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            logger.info("line {}", i);
            expected.append("line ").append(i).append('\n');
        }
        batching.stop();
        assertThat(written()).isEqualTo(expected.toString());
        assertThat(writes.get()).as("writes for 1000 lines").isLessThan(50);
    }
}

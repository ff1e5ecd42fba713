package dev.inbound.cli;

import ch.qos.logback.core.ConsoleAppender;
import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;

/**
 * Logback's console appender, writing through a buffer that is flushed when told: behind the
 * {@link BatchingAppender}, which flushes after each batch, a batch of lines costs one write to
 * the console instead of one per line. {@code System.err} flushes every line it is given, and
 * on a short connection's three lines those writes were a tenth of its cost.
 *
 * <p>Lines stay in the buffer until {@link #flush()}, so it belongs behind the batching
 * appender only. Stopping flushes too.
 */
public final class BufferedConsoleAppender<E> extends ConsoleAppender<E> implements Flushable {
    /** Larger than what the batching appender gathers in its linger at a few thousand lines a second. */
    private static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public void start() {
        super.start();
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(getOutputStream(), BUFFER_BYTES));
    }

    @Override
    public void flush() throws IOException {
        streamWriteLock.lock();
        try {
            if (getOutputStream() != null) {
                getOutputStream().flush();
            }
        } finally {
            streamWriteLock.unlock();
        }
    }
}

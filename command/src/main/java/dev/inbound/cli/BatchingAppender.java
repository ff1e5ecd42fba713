package dev.inbound.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands log lines to one writer thread, as Logback's {@code AsyncAppender} does, but lets
 * them gather for a moment before writing them out. Logback's writer wakes for every line
 * that finds it waiting: with a connection's three lines that is three thread wake-ups, a
 * large part of a short connection's cost. This writer, once woken, waits {@link #LINGER_MILLIS}
 * for more lines and writes all it has; while it lingers, a session logs without waking it.
 * With the queue half full it does not linger.
 *
 * <p>It drops nothing: a session that finds the queue full waits for room. Stopping writes out
 * whatever is queued. After each batch it flushes the appenders it feeds that can be flushed
 * ({@link BufferedConsoleAppender}), so that a batch is one write.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    /** How long the writer gathers lines after the first; a line is at most this late on the console. */
    private static final long LINGER_MILLIS = 10;
    private static final long STOP_WAIT_MILLIS = 5000;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private int queueSize = 8192;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;

    /** The most lines waiting to be written; a line beyond it waits for room. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::write, "inbound-log-writer");
        writer.setDaemon(true); // stop() writes what is left; the JVM must not wait for this thread
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // the MDC and the message, as they are now
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writeOut(List.of(event)); // rather late than lost
        }
    }

    private void write() {
        List<ILoggingEvent> batch = new ArrayList<>();
        while (isStarted()) {
            try {
                batch.add(queue.take());
                if (queue.remainingCapacity() > queueSize / 2) { // else loggers are about to wait for room
                    Thread.sleep(LINGER_MILLIS);
                }
            } catch (InterruptedException stopping) {
                break;
            }
            queue.drainTo(batch);
            writeOut(batch);
            batch.clear();
        }
        queue.drainTo(batch);
        writeOut(batch);
    }

    private void writeOut(List<ILoggingEvent> batch) {
        for (ILoggingEvent event : batch) {
            appenders.appendLoopOnAppenders(event);
        }
        Iterator<Appender<ILoggingEvent>> each = appenders.iteratorForAppenders();
        while (each.hasNext()) {
            if (each.next() instanceof Flushable buffered) {
                try {
                    buffered.flush();
                } catch (IOException e) {
                    addError("could not flush the log lines", e);
                }
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt();
        try {
            writer.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}

package dev.inbound.smtp.transport;

import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * MINA's NIO I/O thread without three costs it pays per connection or per reply, which
 * strace shows on a workload of short connections (about 25 of a connection's 80 system calls):
 * <ul>
 * <li><b>Restarts.</b> MINA ends the loop when its last session closes and starts it again,
 * through its executor, for the next one: a thread hand-off and two thread renames per
 * connection when connections come one at a time. This loop stays until the processor is
 * disposed; with no sessions it sleeps in {@code select}, waking once a second.
 * <li><b>Waking itself.</b> A reply written on the I/O thread asks for a wake-up of the
 * selector, which costs a write and a read of its event file descriptor and a turn of the loop
 * that finds nothing to do, though the loop flushes right after the events it runs (until no
 * session is left to flush), and sessions write only from those events: new sessions, reads and
 * flushes. So a write from the loop's own thread wakes nothing. Any other wake-up the loop asks
 * of itself (a session closed on it) only makes the next {@code select} return at once.
 * <li><b>A read that finds nothing.</b> MINA reads until the socket returns nothing, one
 * failed call per readable event. A read that does not fill the buffer has emptied the
 * socket, so the next one in the same round is skipped; the selector is level-triggered and
 * reports anything that arrives after.
 * </ul>
 */
public final class ResidentNioProcessor extends NioProcessor {
    /** The thread running the loop; read by any thread that asks for a wake-up. */
    private volatile Thread loopThread;
    /** The loop asked to wake itself: the next select must not wait. Loop thread only. */
    private boolean selectNow;
    /** The loop thread is queueing a write, which the loop's flush will send. Loop thread only. */
    private boolean writing;
    /** The buffer the last read left with room, i.e. the socket was emptied. Loop thread only. */
    private IoBuffer emptied;

    /** The constructor {@link org.apache.mina.core.service.SimpleIoProcessorPool} calls. */
    public ResidentNioProcessor(Executor executor) {
        super(executor);
    }

    @Override
    protected int select(long timeout) throws Exception {
        Thread current = Thread.currentThread();
        if (loopThread != current) {
            loopThread = current;
        }
        if (!selectNow) {
            return super.select(timeout);
        }
        selectNow = false;
        selectorLock.readLock().lock();
        try {
            return selector.selectNow();
        } finally {
            selectorLock.readLock().unlock();
        }
    }

    @Override
    public void write(NioSession session, WriteRequest request) {
        if (Thread.currentThread() != loopThread) {
            super.write(session, request);
            return;
        }
        writing = true;
        try {
            super.write(session, request);
        } finally {
            writing = false;
        }
    }

    @Override
    protected void wakeup() {
        if (Thread.currentThread() != loopThread) {
            super.wakeup();
            return;
        }
        if (writing) {
            return;
        }
        // Tells the loop that a select returning nothing at once was asked for, not a spinning selector.
        wakeupCalled.set(true);
        selectNow = true;
    }

    /** MINA's loop ends when this is true and no session is left; it only may when disposing. */
    @Override
    protected boolean isSelectorEmpty() {
        return isDisposing() && super.isSelectorEmpty();
    }

    @Override
    protected int read(NioSession session, IoBuffer buf) throws Exception {
        if (buf == emptied) {
            emptied = null;
            return 0;
        }
        int read = super.read(session, buf);
        emptied = read > 0 && buf.hasRemaining() ? buf : null;
        return read;
    }
}

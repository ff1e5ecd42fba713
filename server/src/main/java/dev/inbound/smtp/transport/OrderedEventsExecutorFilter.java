package dev.inbound.smtp.transport;

import java.util.concurrent.Executor;
import org.apache.mina.core.filterchain.IoFilterEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.executor.ExecutorFilter;

/**
 * An {@link ExecutorFilter} that also queues filter events ({@link TlsFilter#PLAINTEXT_ENDED},
 * MINA's SSL events) behind the session's other events. MINA's own passes them straight on,
 * which would let the end-of-plaintext mark overtake the plaintext it marks.
 *
 * <p>It does not hand {@code messageSent} to a worker, as MINA's default would: nothing past
 * it listens for that (write futures complete in the I/O thread, and the read throttle sits
 * in front), and waking a worker for every reply written was a thread hand-off per reply.
 */
final class OrderedEventsExecutorFilter extends ExecutorFilter {
    OrderedEventsExecutorFilter(Executor executor) {
        super(executor, IoEventType.EXCEPTION_CAUGHT, IoEventType.MESSAGE_RECEIVED, IoEventType.SESSION_CLOSED,
                IoEventType.SESSION_IDLE, IoEventType.SESSION_OPENED);
    }

    @Override
    public void event(NextFilter next, IoSession session, FilterEvent event) {
        fireEvent(new IoFilterEvent(next, IoEventType.EVENT, session, event));
    }
}

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
 */
final class OrderedEventsExecutorFilter extends ExecutorFilter {
    OrderedEventsExecutorFilter(Executor executor) {
        super(executor);
    }

    @Override
    public void event(NextFilter next, IoSession session, FilterEvent event) {
        fireEvent(new IoFilterEvent(next, IoEventType.EVENT, session, event));
    }
}

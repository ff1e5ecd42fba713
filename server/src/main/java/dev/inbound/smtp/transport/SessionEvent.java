package dev.inbound.smtp.transport;

import org.apache.mina.filter.FilterEvent;

/**
 * Requests from other threads to a session, sent down the filter chain so that the session's
 * worker handles them in order with everything else it does: a reply written from another
 * thread could overtake one the worker is about to send, such as the 250 for a message.
 */
sealed interface SessionEvent extends FilterEvent {
    /** The server is stopping. */
    SessionEvent STOP = new Stop();

    /** The deadline watcher saw the client overrun a deadline: check again, and close if so. */
    record CheckDeadline(boolean overloaded) implements SessionEvent {
    }

    /** See {@link #STOP}. */
    record Stop() implements SessionEvent {
    }
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's calls into the handler. A hook that answers null leaves the server's own
 * reply; a handler that throws gets 451 4.3.0 to the client, or the reply its
 * {@link Handler#onException} chose, and the cause goes to the log, never on the wire.
 */
final class HandlerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

    private final Handler handler;
    private final Session session;

    HandlerCalls(Handler handler, Session session) {
        this.handler = handler;
        this.session = session;
    }

    /** Runs a hook; a null answer means {@code fallback}, an exception means 451 (or the handler's choice). */
    Reply call(HandlerCall<Reply> hook, Reply fallback) {
        Reply reply = guarded(hook, failure -> failure);
        return reply != null ? reply : fallback;
    }

    /**
     * Runs a call into the handler; when it throws, the answer is {@code onFailure} of 451,
     * or of the reply {@link Handler#onException} chose.
     */
    <T> T guarded(HandlerCall<T> call, Function<Reply, T> onFailure) {
        try {
            return call.run(handler);
        } catch (Exception e) {
            LOG.warn("handler failed in session {}", session.id(), e);
            Reply chosen = null;
            try {
                chosen = handler.onException(session, e);
            } catch (RuntimeException | Error again) {
                LOG.warn("handler's onException failed in session {}", session.id(), again);
            }
            return onFailure.apply(chosen != null ? chosen : Replies.HANDLER_FAILED);
        } catch (Error e) {
            // An Error thrown past here would kill the worker and leave the session stuck in
            // MINA's executor: answer like any other failure, and say it loudly.
            LOG.error("handler failed with an Error in session {}", session.id(), e);
            return onFailure.apply(Replies.HANDLER_FAILED);
        }
    }

    /** A call into the handler, which may throw anything. */
    @FunctionalInterface
    interface HandlerCall<T> {
        T run(Handler handler) throws Exception;
    }
}

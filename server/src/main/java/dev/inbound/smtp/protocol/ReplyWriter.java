package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one session's replies, in order: with enhanced status codes after EHLO, each
 * command's failure counted against the session's {@link ErrorBudget}, and the connection
 * closed after a 421, after one error too many, or once the server is stopping.
 */
final class ReplyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);

    private final Channel channel;
    private final SessionState session;
    private final ErrorBudget errorBudget;
    private boolean closed;
    private boolean stopping;

    ReplyWriter(Channel channel, SessionState session, ErrorBudget errorBudget) {
        this.channel = channel;
        this.session = session;
        this.errorBudget = errorBudget;
    }

    /** Sends the reply to a command, with enhanced status codes after EHLO, counting errors. */
    void reply(Reply reply) {
        replies(List.of(reply));
    }

    /**
     * Sends the replies to a message: one, or in LMTP one per recipient. A message accepted
     * for anyone renews the session's error allowance.
     */
    void answerMessage(List<Reply> replies) {
        replies(replies);
        if (positive(replies) != null) {
            errorBudget.messageDelivered();
        }
    }

    /**
     * Sends a reply that asks for the message (354). Nothing is counted, and a stopping server
     * lets the message arrive: the reply to it says so and closes.
     */
    void askForContent(Reply reply) {
        sendRaw(reply.forSession(session.esmtp()));
    }

    /**
     * The command counts as one error when none of {@code replies} is positive; a 421 among
     * them closes the session once all are sent.
     */
    private void replies(List<Reply> replies) {
        boolean closing = false;
        for (Reply each : replies) { // loops, not streams: this runs for every reply
            sendRaw(each.forSession(session.esmtp()));
            closing |= each.code() == 421;
        }
        if (closing) {
            close();
            return;
        }
        Reply positive = positive(replies);
        Reply reply = positive != null ? positive : replies.get(0);
        if (!reply.isPositive() && !reply.equals(Replies.TOO_MANY_RECIPIENTS) && errorBudget.error()) {
            sendRaw(Replies.TOO_MANY_ERRORS.forSession(session.esmtp()));
            close();
            return;
        }
        if (stopping) {
            sendRaw(Replies.SHUTTING_DOWN.forSession(session.esmtp()));
            close();
        }
    }

    /** The first positive reply of {@code replies}, or null. */
    private static Reply positive(List<Reply> replies) {
        for (Reply each : replies) {
            if (each.isPositive()) {
                return each;
            }
        }
        return null;
    }

    /** Sends a reply exactly as given: the greeting and the HELO/EHLO replies carry no enhanced code. */
    void sendRaw(Reply reply) {
        if (LOG.isDebugEnabled()) { // as in CommandRouter: this runs for every reply
            LOG.debug("> {}", reply);
        }
        channel.send(reply);
    }

    /** STARTTLS was accepted: {@code ready} (220) in plaintext, then TLS. */
    void startTls(Reply ready) {
        Reply sent = ready.forSession(session.esmtp());
        LOG.debug("> {}", sent);
        channel.startTls(sent);
    }

    /** Runs {@code action} after {@code delay}, input held until then; no worker waits meanwhile. */
    void later(Duration delay, Runnable action) {
        channel.pause(delay, action);
    }

    /** Closes the connection once what was sent has gone out. */
    void close() {
        closed = true;
        channel.close();
    }

    /** The connection is gone: nothing more is read or written. */
    void disconnected() {
        closed = true;
    }

    /** Whether the session is over: closed by the server, or the connection gone. */
    boolean closed() {
        return closed;
    }

    /** The server is stopping: the next reply to a command, or to the message arriving, closes the session. */
    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }
}

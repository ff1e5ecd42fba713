package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.codec.CommandLine;
import dev.inbound.smtp.codec.Content;
import dev.inbound.smtp.codec.InputEvent;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP or LMTP session's conversation: takes command lines and content in order and
 * hands each to what deals with it, from the greeting to the end of the connection. The
 * state lives in its parts: the {@link SessionState session}, the {@link Transactions open
 * transaction}, the {@link ReplyWriter replies}, the {@link HandlerCalls calls into the
 * handler}, the {@link Deadline deadlines}, the {@link ErrorBudget error budget} and
 * {@link Authentication AUTH}.
 *
 * <p>Events for one session come one at a time, in order. Only the {@code volatile} fields of
 * its parts are read from other threads (the deadline watcher and {@code stop()}).
 *
 * <p>Example, as the transport drives it:
 * <pre>{@code
 * Conversation conversation = new Conversation(listenerContext, channel, "S1", peer, local);
 * conversation.start();              // 220, or the handler's refusal
 * conversation.receive(commandLine); // each line and piece of content, in order
 * conversation.end();                // the connection is gone
 * }</pre>
 */
public final class Conversation {
    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);
    private final ListenerContext listener;
    private final Channel channel;
    private final SessionState session;
    private final ErrorBudget errorBudget;
    private final ReplyWriter out;
    private final HandlerCalls hooks;
    private final Transactions transactions;
    private final Deadline deadline;
    private final Authentication authentication;
    /** Where content goes while DATA or a BDAT chunk arrives; null otherwise. */
    private ContentReceiver receiver;
    private CommandLine currentLine;
    private boolean started;

    /** A conversation with the client at {@code peer}, over {@code channel}, on the listener of {@code listener}. */
    public Conversation(ListenerContext listener, Channel channel, String sessionId, InetSocketAddress peer,
            InetSocketAddress local) {
        this.listener = listener;
        this.channel = channel;
        this.session = new SessionState(sessionId, peer, local, channel, listener.lmtp());
        this.errorBudget = new ErrorBudget(listener.settings());
        this.out = new ReplyWriter(channel, session, errorBudget);
        this.hooks = new HandlerCalls(listener.handler(), session);
        this.transactions = new Transactions(sessionId);
        this.deadline = new Deadline(listener.settings());
        this.authentication = new Authentication(listener.authFailures());
    }

    /** The connection is open: greet, or refuse if the handler says so. */
    public void start() {
        started = true;
        Reply reply = session.proxy().map(header -> hooks.call(handler -> handler.onProxy(session, header), null))
                .filter(answer -> !answer.isPositive())
                .orElseGet(() -> hooks.call(handler -> handler.onConnect(session), null));
        if (reply != null && !reply.isPositive()) {
            out.sendRaw(reply);
            out.close();
            return;
        }
        if (out.isStopping()) {
            out.sendRaw(Replies.SHUTTING_DOWN);
            out.close();
            return;
        }
        out.sendRaw(reply != null ? reply : Reply.of(220, listener.settings().hostname()
                + (session.lmtp() ? " LMTP " : " ESMTP ") + listener.settings().ident()));
    }

    public void receive(InputEvent event) {
        if (out.closed()) {
            return;
        }
        if (event instanceof CommandLine line) {
            command(line);
        } else {
            content((Content) event);
        }
    }

    /** The connection is gone: free what the session holds and tell the handler. */
    public void end() {
        out.disconnected();
        if (receiver != null) {
            receiver.abandon();
            receiver = null;
        }
        transactions.reset();
        hooks.call(handler -> {
            handler.onDisconnect(session);
            return null;
        }, null);
    }

    /**
     * TLS input begins; everything before it was plaintext, already dropped. The session
     * starts over as after the greeting (RFC 3207 4.2): the client must EHLO again.
     */
    public void plaintextEnded() {
        transactions.reset();
        session.forgetPlaintext();
    }

    /** Whether the client has overrun a deadline at {@code nowNanos}; read from any thread. */
    public boolean overdue(long nowNanos, boolean overloaded) {
        return deadline.overdue(nowNanos, overloaded) != null;
    }

    /** Closes the session with 421 4.4.2 if the client has overrun a deadline at {@code nowNanos}. */
    public void expireIfOverdue(long nowNanos, boolean overloaded) {
        Reply overdue = deadline.overdue(nowNanos, overloaded);
        if (overdue != null && !out.closed()) {
            LOG.info("closing: {}", overdue);
            out.reply(overdue);
        }
    }

    /**
     * Runs {@code work} as the server's turn: no client deadline runs meanwhile, and the client's
     * time starts again when it is done.
     */
    public void serverTurn(Runnable work) {
        deadline.serverTurn();
        try {
            work.run();
        } finally {
            deadline.clientTurn(System.nanoTime());
        }
    }

    /**
     * {@link #receive} as the server's turn, as {@link #serverTurn} runs work: the path of every
     * line and piece of content, written out so that the JIT compiles it without a lambda.
     */
    public void receiveAsServerTurn(InputEvent event) {
        deadline.serverTurn();
        try {
            receive(event);
        } finally {
            deadline.clientTurn(System.nanoTime());
        }
    }

    /** The server is stopping: close now, or after the message that is arriving. */
    public void stop() {
        out.stopping();
        if (started && receiver == null && !out.closed()) {
            out.reply(Replies.SHUTTING_DOWN);
        }
    }

    public String sessionId() {
        return session.id();
    }

    // ---- the parts, for the commands ----

    ListenerContext listener() {
        return listener;
    }

    SessionState session() {
        return session;
    }

    ReplyWriter out() {
        return out;
    }

    HandlerCalls hooks() {
        return hooks;
    }

    Transactions transactions() {
        return transactions;
    }

    Authentication authentication() {
        return authentication;
    }

    ErrorBudget errorBudget() {
        return errorBudget;
    }

    /**
     * Runs {@code blocking} where it may block, then {@code then} in the session's order of
     * events; the input after the current command waits meanwhile.
     */
    void offload(Runnable blocking, Runnable then) {
        channel.offload(blocking, then);
    }

    /** The command line being answered. */
    CommandLine currentLine() {
        return currentLine;
    }

    // ---- content ----

    /** DATA was accepted: what follows is content, for {@code writer}. */
    void startData(ContentWriter writer) {
        receiver = ContentReceiver.forData(writer);
        deadline.contentStarted(System.nanoTime());
        out.askForContent(Replies.START_DATA);
        channel.expectData();
    }

    /** A BDAT chunk follows; {@code chunkReceiver} takes it. A chunk of size 0 is complete at once. */
    void startChunk(ContentReceiver chunkReceiver, long size) {
        receiver = chunkReceiver;
        if (size == 0) {
            finishContent();
        } else {
            deadline.contentStarted(System.nanoTime());
        }
    }

    // ---- input ----

    private void command(CommandLine line) {
        currentLine = line;
        if (authentication.inProgress()) {
            LOG.debug("< ****");
            authentication.respond(this, line);
            return;
        }
        CommandRouter.route(this, line);
    }

    private void content(Content piece) {
        if (receiver == null) {
            return; // the rest of a chunk whose session is closing
        }
        deadline.contentReceived(piece.length());
        receiver.accept(piece);
        if (piece.end()) {
            finishContent();
        }
    }

    private void finishContent() {
        ContentReceiver done = receiver;
        receiver = null;
        deadline.contentEnded();
        done.finish(this);
    }
}

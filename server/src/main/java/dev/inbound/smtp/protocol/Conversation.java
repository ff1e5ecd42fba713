package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ListenerPolicy;
import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxySsl;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.codec.CommandLine;
import dev.inbound.smtp.codec.Content;
import dev.inbound.smtp.codec.InputEvent;
import dev.inbound.smtp.spool.Spool;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP or LMTP session's conversation: takes command lines and content in order, keeps
 * the state, calls the handler's hooks and sends the replies.
 *
 * <p>Events for one session come one at a time, in order. Only the {@code volatile} fields
 * are read from other threads (the deadline watcher and {@code stop()}).
 */
public final class Conversation {
    private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);
    private final ServerSettings settings;
    private final Handler handler;
    private final ServerEvents events;
    private final Listener listener;
    private final Channel channel;
    private final SessionState session;
    private final Map<String, Command> commands;
    private final Deadline deadline;
    private final Authentication authentication;
    private final AtomicInteger messageCounter = new AtomicInteger();
    private Transaction transaction;
    /** Where content goes while DATA or a BDAT chunk arrives; null otherwise. */
    private ContentReceiver receiver;
    private CommandLine currentLine;
    /** STARTTLS was accepted: the session is, or is about to be, encrypted. */
    private boolean tlsStarted;
    private final ErrorBudget errorBudget;
    private boolean closed;
    private boolean started;
    private boolean stopping;

    /**
     * A conversation on {@code listener}, in its protocol (LMTP, or SMTP for SMTP and SMTPS
     * listeners) and under its policy; messages and AUTH failures are told to {@code events}.
     */
    public Conversation(ServerSettings settings, Handler handler, Channel channel, String sessionId,
            InetSocketAddress peer, InetSocketAddress local, AuthFailureTracker authFailures, Listener listener,
            ServerEvents events) {
        this.settings = settings;
        this.handler = handler;
        this.events = events;
        this.listener = listener;
        Listener.Kind kind = listener.kind();
        this.channel = channel;
        boolean lmtp = kind == Listener.Kind.LMTP;
        this.session = new SessionState(sessionId, peer, local, channel.proxy(), channel::tls, lmtp);
        this.commands = CommandTable.of(lmtp);
        this.deadline = new Deadline(settings);
        this.authentication = new Authentication(authFailures);
        this.errorBudget = new ErrorBudget(settings);
    }

    /** The connection is open: greet, or refuse if the handler says so. */
    public void start() {
        started = true;
        Reply reply = session.proxy().map(header -> hook(() -> handler.onProxy(session, header), null))
                .filter(answer -> !answer.isPositive())
                .orElseGet(() -> hook(() -> handler.onConnect(session), null));
        if (reply != null && !reply.isPositive()) {
            sendRaw(reply);
            close();
            return;
        }
        if (stopping) {
            sendRaw(Replies.SHUTTING_DOWN);
            close();
            return;
        }
        sendRaw(reply != null ? reply : Reply.of(220,
                settings.hostname() + (session.lmtp() ? " LMTP " : " ESMTP ") + settings.ident()));
    }

    public void receive(InputEvent event) {
        if (closed) {
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
        closed = true;
        if (receiver != null) {
            receiver.abandon();
            receiver = null;
        }
        resetTransaction();
        hook(() -> {
            handler.onDisconnect(session);
            return null;
        }, null);
    }

    /**
     * TLS input begins; everything before it was plaintext, already dropped. The session
     * starts over as after the greeting (RFC 3207 4.2): the client must EHLO again.
     */
    public void plaintextEnded() {
        resetTransaction();
        session.forgetPlaintext();
    }

    /** Whether the client has overrun a deadline at {@code nowNanos}; read from any thread. */
    public boolean overdue(long nowNanos, boolean overloaded) {
        return deadline.overdue(nowNanos, overloaded) != null;
    }

    /** Closes the session with 421 4.4.2 if the client has overrun a deadline at {@code nowNanos}. */
    public void expireIfOverdue(long nowNanos, boolean overloaded) {
        Reply overdue = deadline.overdue(nowNanos, overloaded);
        if (overdue != null && !closed) {
            LOG.info("closing: {}", overdue);
            reply(overdue);
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

    /** The server is stopping: close now, or after the message that is arriving. */
    public void stop() {
        stopping = true;
        if (started && receiver == null && !closed) {
            reply(Replies.SHUTTING_DOWN);
        }
    }

    public String sessionId() {
        return session.id();
    }

    // ---- for the commands ----

    SessionState session() {
        return session;
    }

    ServerSettings settings() {
        return settings;
    }

    Handler handler() {
        return handler;
    }

    ServerEvents events() {
        return events;
    }

    Listener.Kind kind() {
        return listener.kind();
    }

    /** The policy of the listener the client connected to. */
    ListenerPolicy policy() {
        return listener.policy();
    }

    Transaction transaction() {
        return transaction;
    }

    CommandLine currentLine() {
        return currentLine;
    }

    Map<String, Command> commands() {
        return commands;
    }

    Authentication authentication() {
        return authentication;
    }

    ErrorBudget errorBudget() {
        return errorBudget;
    }

    /** Why a command that needs an open transaction cannot run now, or null if it can. */
    Reply transactionMissing() {
        if (session.heloName() == null) {
            return greetingMissing();
        }
        Reply auth = authMissing();
        if (auth != null) {
            return auth;
        }
        return transaction == null ? Replies.NEED_MAIL : null;
    }

    /** 503 before the client has greeted: asking for HELO, or LHLO in LMTP. */
    Reply greetingMissing() {
        return session.lmtp() ? Replies.SEND_LHLO_FIRST : Replies.SEND_HELO_FIRST;
    }

    /** 530 while the server requires AUTH and the client has not authenticated; null otherwise. */
    Reply authMissing() {
        return policy().authRequired() && session.authenticatedUser().isEmpty() ? Replies.AUTH_REQUIRED : null;
    }

    /** Runs {@code action} after {@code delay}, input held until then; no worker waits meanwhile. */
    void later(Duration delay, Runnable action) {
        channel.pause(delay, action);
    }

    void beginTransaction(Transaction started) {
        this.transaction = started;
    }

    String nextMessageId() {
        return session.id() + "-" + messageCounter.incrementAndGet();
    }

    void resetTransaction() {
        if (transaction != null) {
            transaction.discard();
            transaction = null;
        }
    }

    /** True once the session is encrypted, or STARTTLS has been accepted. */
    boolean tlsActive() {
        return tlsStarted || encrypted();
    }

    /**
     * Whether the client's bytes travel encrypted: over TLS to this server, or over TLS to a
     * trusted proxy that terminated it and says so in its PROXY header (as Dovecot takes
     * HAProxy's word), the hop from the proxy being on a network trusted with PROXY headers.
     */
    boolean encrypted() {
        return session.tls().isPresent() || session.proxy().flatMap(ProxyInfo::ssl).map(ProxySsl::tls).orElse(false);
    }

    /** Whether EHLO offers STARTTLS now. */
    boolean offersStartTls() {
        return !tlsActive() && channel.canStartTls();
    }

    /** STARTTLS was accepted: 220 in plaintext, then TLS. */
    void startTls() {
        tlsStarted = true;
        Reply ready = Replies.READY_FOR_TLS.forSession(session.esmtp());
        LOG.debug("> {}", ready);
        channel.startTls(ready);
    }

    /** A new writer for the content of the current transaction, Received header in place. */
    ContentWriter newContentWriter() {
        ContentWriter writer = new ContentWriter(new Spool(settings.spoolThreshold(), settings.spoolDirectory()),
                policy().maxMessageSize(), settings.textLineLimit(), settings.bareNewline());
        if (settings.receivedHeader()) {
            String protocol = ReceivedHeader.protocol(session, transaction.smtpUtf8(), tlsActive());
            writer.prepend(ReceivedHeader.build(session.heloName(), session.peer(), settings.hostname(), protocol,
                    transaction.id(), transaction.rcptTos(), ZonedDateTime.now()));
        }
        return writer;
    }

    /** DATA was accepted: what follows is content. */
    void startData(ContentWriter writer) {
        receiver = ContentReceiver.forData(writer);
        deadline.contentStarted(System.nanoTime());
        reply(Replies.START_DATA);
        channel.expectData();
    }

    /** A BDAT chunk follows; {@code receiver} takes it. A chunk of size 0 is complete at once. */
    void startChunk(ContentReceiver chunkReceiver, long size) {
        receiver = chunkReceiver;
        if (size == 0) {
            finishContent();
        } else {
            deadline.contentStarted(System.nanoTime());
        }
    }

    /** The content of a message is complete: deliver it (see {@link MessageDelivery}), answer, end the transaction. */
    void deliver(ContentWriter writer) {
        Transaction message = transaction;
        List<Reply> replies = MessageDelivery.deliver(this, message, writer);
        if (message.chunks == writer) {
            message.chunks = null;
        }
        resetTransaction();
        replies(replies);
        if (replies.stream().anyMatch(Reply::isPositive)) {
            errorBudget.messageDelivered();
        }
    }

    /** Runs a hook; a null answer means {@code fallback}, an exception means 451 (or the handler's choice). */
    Reply hook(HookCall call, Reply fallback) {
        Reply reply = guarded(call::run, failure -> failure);
        return reply != null ? reply : fallback;
    }

    /**
     * Runs a call into the handler; when it throws, the answer is {@code onFailure} of 451,
     * or of the reply {@link Handler#onException} chose.
     */
    <T> T guarded(Callable<T> call, Function<Reply, T> onFailure) {
        try {
            return call.call();
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

    /** Sends a reply to a command, with enhanced status codes after EHLO, counting errors. */
    void reply(Reply reply) {
        replies(List.of(reply));
    }

    /**
     * Sends the replies to one command: one, or after an LMTP message one per recipient.
     * The command counts as one error when none of them is positive; a 421 among them closes
     * the session once all are sent.
     */
    private void replies(List<Reply> replies) {
        for (Reply each : replies) {
            sendRaw(each.forSession(session.esmtp()));
        }
        if (replies.stream().anyMatch(each -> each.code() == 421)) {
            close();
            return;
        }
        Reply reply = replies.stream().filter(Reply::isPositive).findFirst().orElse(replies.get(0));
        if (!reply.isPositive() && !reply.equals(Replies.TOO_MANY_RECIPIENTS) && errorBudget.error()) {
            sendRaw(Replies.TOO_MANY_ERRORS.forSession(session.esmtp()));
            close();
            return;
        }
        if (stopping && receiver == null) {
            sendRaw(Replies.SHUTTING_DOWN.forSession(session.esmtp()));
            close();
        }
    }

    /** Sends a reply exactly as given: the greeting and the HELO/EHLO replies carry no enhanced code. */
    void sendRaw(Reply reply) {
        LOG.debug("> {}", reply);
        channel.send(reply);
    }

    void close() {
        closed = true;
        channel.close();
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

    @FunctionalInterface
    interface HookCall {
        Reply run() throws Exception;
    }
}

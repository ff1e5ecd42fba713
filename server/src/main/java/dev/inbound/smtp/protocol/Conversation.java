package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.MessageContent;
import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxySsl;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.codec.CommandLine;
import dev.inbound.smtp.codec.Content;
import dev.inbound.smtp.codec.InputEvent;
import dev.inbound.smtp.spool.Spool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
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
    /** RFC 1870 and RFC 6531 let MAIL grow by the room their parameters take. */
    private static final int SIZE_ALLOWANCE = 26;
    private static final int SMTPUTF8_ALLOWANCE = 10;
    /**
     * Commands that move no mail forward. Past {@link #JUNK_LIMIT} of them without a delivery,
     * each counts as an error, as Postfix's {@code smtpd_junk_command_limit} does: a client
     * cannot keep a session busy, or its replies piling up, with NOOPs.
     */
    private static final Set<String> JUNK = Set.of("NOOP", "RSET", "VRFY", "EXPN", "HELP", "HELO", "EHLO", "LHLO");
    private static final int JUNK_LIMIT = 100;
    /** What require-starttls lets through before TLS. */
    private static final Set<String> ALLOWED_BEFORE_TLS = Set.of("EHLO", "LHLO", "NOOP", "RSET", "STARTTLS", "QUIT");

    private final ServerSettings settings;
    private final Handler handler;
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
    private int unknownCommands;
    private int junkCommands;
    private int errors;
    private boolean closed;
    private boolean started;
    private boolean stopping;

    /** A conversation in the protocol of {@code kind}: LMTP, or SMTP for SMTP and SMTPS listeners. */
    public Conversation(ServerSettings settings, Handler handler, Channel channel, String sessionId,
            InetSocketAddress peer, InetSocketAddress local, AuthFailureTracker authFailures, Listener.Kind kind) {
        this.settings = settings;
        this.handler = handler;
        this.channel = channel;
        boolean lmtp = kind == Listener.Kind.LMTP;
        this.session = new SessionState(sessionId, peer, local, channel.proxy(), channel::tls, lmtp);
        this.commands = CommandTable.of(lmtp);
        this.deadline = new Deadline(settings);
        this.authentication = new Authentication(authFailures);
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
        return settings.authRequired() && session.authenticatedUser().isEmpty() ? Replies.AUTH_REQUIRED : null;
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

    /** The octets a command line may have, given its verb and the session's extensions. */
    int commandLimit(String verb) {
        int limit = settings.commandLineLimit();
        if (verb.equals("MAIL") && session.esmtp()) {
            limit += SIZE_ALLOWANCE + (settings.smtpUtf8() ? SMTPUTF8_ALLOWANCE : 0);
        }
        return limit;
    }

    /** A new writer for the content of the current transaction, Received header in place. */
    ContentWriter newContentWriter() {
        ContentWriter writer = new ContentWriter(new Spool(settings.spoolThreshold(), settings.spoolDirectory()),
                settings.maxMessageSize(), settings.textLineLimit(), settings.bareNewline());
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

    /**
     * The content of a message is complete: check it, hand it to the handler, answer, and
     * end the transaction. In LMTP the answer is one reply per recipient (RFC 2033 4.2),
     * a refusal of the whole message included.
     */
    void deliver(ContentWriter writer) {
        Transaction message = transaction;
        List<Reply> replies;
        try {
            Reply refusal = writer.tooBig() ? Replies.MESSAGE_TOO_BIG
                    : writer.lineTooLong() ? Replies.TEXT_LINE_TOO_LONG
                    : writer.rejectedForBareNewline() ? Replies.BARE_NEWLINE_IN_DATA
                    : null;
            replies = refusal != null ? forMessage(refusal, message) : handOver(writer, message);
        } finally {
            writer.close();
        }
        if (message.chunks == writer) {
            message.chunks = null;
        }
        LOG.info("message {} from=<{}> rcpts={} size={} reply={}", message.id(), message.mailFrom(),
                message.rcptTos().size(), writer.size(),
                replies.stream().map(reply -> Integer.toString(reply.code())).collect(Collectors.joining(",")));
        resetTransaction();
        replies(replies);
        if (replies.stream().anyMatch(Reply::isPositive)) {
            errors = 0;
            junkCommands = 0;
        }
    }

    /** The answer to the whole message: once in SMTP, for every recipient in LMTP. */
    private List<Reply> forMessage(Reply reply, Transaction message) {
        return session.lmtp() ? Collections.nCopies(message.rcptTos().size(), reply) : List.of(reply);
    }

    private List<Reply> handOver(ContentWriter writer, Transaction message) {
        MessageContent content;
        try {
            content = writer.finish();
        } catch (IOException e) {
            LOG.warn("spooling message {} failed", message.id(), e);
            return forMessage(Replies.SPOOL_FAILED, message);
        }
        message.content(content);
        if (session.lmtp()) {
            return RecipientReplies.ask(this, message);
        }
        return List.of(hook(() -> handler.onData(session, message),
                Reply.of(250, "2.0.0", "OK: queued as " + message.id())));
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
        if (!reply.isPositive() && !reply.equals(Replies.TOO_MANY_RECIPIENTS) && ++errors >= settings.maxErrors()) {
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
        Reply framing = framingError(line);
        if (framing != null) {
            reply(framing);
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.bytes())).toString();
        } catch (CharacterCodingException e) {
            reply(Replies.INVALID_UTF8);
            return;
        }
        LOG.debug("< {}", Authentication.loggable(text));
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        String verb = word.toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        if (verb.isEmpty()) {
            reply(Replies.EMPTY_COMMAND);
            return;
        }
        if (line.length() > commandLimit(verb)) {
            reply(Replies.COMMAND_TOO_LONG);
            return;
        }
        Command command = commands.get(verb);
        if (command == null) {
            unknown(word);
            return;
        }
        if (JUNK.contains(verb) && ++junkCommands > JUNK_LIMIT && ++errors >= settings.maxErrors()) {
            reply(Replies.TOO_MANY_ERRORS);
            return;
        }
        if (settings.requireStartTls() && !tlsActive() && !ALLOWED_BEFORE_TLS.contains(verb)) {
            reply(Replies.STARTTLS_FIRST);
            return;
        }
        command.execute(this, argument);
    }

    private static Reply framingError(CommandLine line) {
        switch (line.defect()) {
            case TOO_LONG:
                return Replies.COMMAND_TOO_LONG;
            case NUL:
                return Replies.NUL_IN_COMMAND;
            case BARE_CR:
                return Replies.BARE_CR_IN_COMMAND;
            case BARE_LF:
                return Replies.BARE_LF_IN_COMMAND;
            default:
                return null;
        }
    }

    private void unknown(String word) {
        if (++unknownCommands >= settings.maxUnknownCommands()) {
            sendRaw(Replies.unknownCommand(word).forSession(session.esmtp()));
            reply(Replies.TOO_MANY_UNKNOWN);
            return;
        }
        reply(Replies.unknownCommand(word));
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

package dev.inbound.smtp.transport;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.TlsInfo;
import dev.inbound.smtp.codec.InputEvent;
import dev.inbound.smtp.codec.SmtpDecoder;
import dev.inbound.smtp.codec.SmtpInput;
import dev.inbound.smtp.protocol.AuthFailureTracker;
import dev.inbound.smtp.protocol.Conversation;
import dev.inbound.smtp.protocol.ListenerContext;
import java.io.IOException;
import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Connects each MINA session to a {@link Conversation}; logs with the session id in the MDC. */
final class SmtpIoHandler extends IoHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpIoHandler.class);
    private static final AttributeKey CONVERSATION = new AttributeKey(SmtpIoHandler.class, "conversation");

    private final ServerSettings settings;
    private final Handler handler;
    private final SmtpDecoder decoder;
    private final ScheduledExecutorService timer;
    private final Executor offloads;
    private final ServerEvents events;
    private final AuthFailureTracker authFailures = new AuthFailureTracker();
    private final String idPrefix = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase(Locale.ROOT);
    private final AtomicLong sessions = new AtomicLong();
    /** What each acceptor speaks, and under which policy: they all share this handler. */
    private final Map<IoService, ListenerContext> listeners = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    SmtpIoHandler(ServerSettings settings, Handler handler, SmtpDecoder decoder, ScheduledExecutorService timer,
            Executor offloads, ServerEvents events) {
        this.settings = settings;
        this.events = events;
        this.handler = handler;
        this.decoder = decoder;
        this.timer = timer;
        this.offloads = offloads;
    }

    static Conversation conversation(IoSession session) {
        return (Conversation) session.getAttribute(CONVERSATION);
    }

    /** Sessions that {@code acceptor} accepts speak what {@code listener} does, under its policy. */
    void serve(IoService acceptor, Listener listener) {
        listeners.put(acceptor, new ListenerContext(settings, handler, events, listener, authFailures));
    }

    /** What {@code session} speaks, by the listener that accepted it. */
    Listener.Kind kind(IoSession session) {
        return listeners.get(session.getService()).kind();
    }

    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    @Override
    public void sessionOpened(IoSession session) {
        String id = idPrefix + Long.toString(sessions.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
        TlsFilter tls = (TlsFilter) session.getFilterChain().get("tls");
        Conversation conversation = new Conversation(listeners.get(session.getService()),
                new MinaChannel(session, decoder.input(session), tls, timer, offloads), id,
                ProxyProtocolFilter.client(session), (InetSocketAddress) session.getLocalAddress());
        session.setAttribute(CONVERSATION, conversation);
        events.connectionOpened(kind(session));
        work(session, conversation, () -> {
            LOG.info("connect from {}{}", ProxyProtocolFilter.client(session),
                    ProxyProtocolFilter.info(session).isPresent() ? " via proxy " + session.getRemoteAddress() : "");
            if (stopping) {
                conversation.stop();
            }
            conversation.start();
        });
    }

    /**
     * Every line and piece of content, run as {@link #work} runs work, through a method reference
     * that captures nothing: this is the hot path.
     */
    @Override
    public void messageReceived(IoSession session, Object message) {
        inSession(session, conversation(session), Conversation::receiveAsServerTurn, (InputEvent) message);
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        if (event instanceof SessionEvent.CheckDeadline check) {
            // Not as the server's turn: that would stop the very clock being checked.
            inSession(session, conversation(session), conversation -> {
                DeadlineWatcher.checked(session);
                conversation.expireIfOverdue(System.nanoTime(), check.overloaded());
            });
            return;
        }
        if (event == SslEvent.SECURED) {
            events.tlsEstablished(TlsFilter.info(session).map(TlsInfo::protocol).orElse("unknown"));
        }
        work(session, conversation(session), conversation -> {
            if (event == TlsFilter.PLAINTEXT_ENDED) {
                decoder.input(session).startAfresh();
                conversation.plaintextEnded();
            } else if (event instanceof MinaChannel.Resume resume) {
                resume(session, conversation, resume);
            } else if (event == SessionEvent.STOP) {
                conversation.stop();
            }
        });
    }

    /**
     * A pause is over: run what waited for it, then read what arrived meanwhile, as the decoder
     * would have. The input is released first, because what waited may hold it again (a
     * checked password that failed delays its reply); the bytes read then go to the new hold.
     */
    private void resume(IoSession session, Conversation conversation, MinaChannel.Resume resume) {
        SmtpInput input = decoder.input(session);
        ByteBuffer held = input.release();
        resume.then().run();
        if (held == null) {
            LOG.info("closing: too much input while a reply was delayed");
            input.discardInput();
            session.closeOnFlush();
            return;
        }
        while (held.hasRemaining()) {
            InputEvent event = input.next(held);
            if (event != null) {
                conversation.receive(event);
            }
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        Conversation conversation = (Conversation) session.removeAttribute(CONVERSATION);
        if (conversation != null) {
            events.connectionClosed(kind(session));
        }
        work(session, conversation, ended -> {
            ended.end();
            LOG.info("disconnect from {}", ProxyProtocolFilter.client(session));
        });
    }

    /**
     * Runs the session's work on its worker: with the session id in the MDC, and as the
     * server's turn, during which no client deadline runs. A session that is gone (closed, or
     * turned away before its conversation began) has nothing to do.
     */
    private static void work(IoSession session, Conversation conversation, Consumer<Conversation> work) {
        inSession(session, conversation, c -> c.serverTurn(() -> work.accept(c)));
    }

    /** Runs {@code work} with the session id in the MDC; a session that is gone has nothing to do. */
    private static void inSession(IoSession session, Conversation conversation, Consumer<Conversation> work) {
        inSession(session, conversation, (c, w) -> w.accept(c), work);
    }

    /** {@link #inSession(IoSession, Conversation, Consumer)}, handing {@code argument} to {@code work}. */
    private static <T> void inSession(IoSession session, Conversation conversation, BiConsumer<Conversation, T> work,
            T argument) {
        if (conversation == null) {
            return;
        }
        MDC.put("session", conversation.sessionId());
        try {
            work.accept(conversation, argument);
        } catch (Error error) {
            closeOnError(session, error);
        } finally {
            MDC.remove("session");
        }
    }

    private static void work(IoSession session, Conversation conversation, Runnable work) {
        work(session, conversation, ignored -> work.run());
    }

    /**
     * MINA passes an Error from the handler up through its executor, which then never runs that
     * session again: close the session here instead, so that its resources are freed.
     */
    private static void closeOnError(IoSession session, Error error) {
        LOG.error("session from {} failed, closing it", ProxyProtocolFilter.client(session), error);
        session.closeNow();
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (MinaChannel.closing(session)) {
            // e.g. MINA's SslFilter acknowledging a write after its own close: nothing left to save
            LOG.debug("error in closing session from {}: {}", ProxyProtocolFilter.client(session), cause.toString());
        } else if (cause instanceof SSLException) {
            if (session.getAttribute(SslFilter.SSL_SECURED) == null) {
                events.tlsFailed();
            }
            LOG.info("TLS failed with {}: {}", ProxyProtocolFilter.client(session), cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("connection error from {}: {}", ProxyProtocolFilter.client(session), cause.toString());
        } else {
            LOG.warn("unexpected error in session from {}", ProxyProtocolFilter.client(session), cause);
        }
        session.closeNow();
    }
}

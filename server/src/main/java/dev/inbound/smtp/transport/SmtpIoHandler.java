package dev.inbound.smtp.transport;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.codec.InputEvent;
import dev.inbound.smtp.codec.SmtpDecoder;
import dev.inbound.smtp.protocol.Conversation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
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
    private final String idPrefix = Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase(Locale.ROOT);
    private final AtomicLong sessions = new AtomicLong();
    private volatile boolean stopping;

    SmtpIoHandler(ServerSettings settings, Handler handler, SmtpDecoder decoder) {
        this.settings = settings;
        this.handler = handler;
        this.decoder = decoder;
    }

    static Conversation conversation(IoSession session) {
        return (Conversation) session.getAttribute(CONVERSATION);
    }

    void stopping() {
        stopping = true;
    }

    /** Tells a session the server is stopping; closes it now unless a message is arriving. */
    static void stop(IoSession session) {
        Conversation conversation = conversation(session);
        Reply goodbye = conversation == null ? null : conversation.stop();
        if (goodbye != null) {
            session.write(goodbye);
            session.closeOnFlush();
        }
    }

    @Override
    public void sessionOpened(IoSession session) {
        String id = idPrefix + Long.toString(sessions.incrementAndGet(), 36).toUpperCase(Locale.ROOT);
        TlsFilter tls = (TlsFilter) session.getFilterChain().get("tls");
        Conversation conversation = new Conversation(settings, handler,
                new MinaChannel(session, decoder.input(session), tls), id,
                (InetSocketAddress) session.getRemoteAddress(), (InetSocketAddress) session.getLocalAddress());
        session.setAttribute(CONVERSATION, conversation);
        if (stopping) {
            conversation.stop();
        }
        MDC.put("session", id);
        try {
            LOG.info("connect from {}", session.getRemoteAddress());
            conversation.start();
        } catch (Error error) {
            closeOnError(session, error);
        } finally {
            MDC.remove("session");
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        Conversation conversation = conversation(session);
        MDC.put("session", conversation.sessionId());
        try {
            conversation.receive((InputEvent) message);
        } catch (Error error) {
            closeOnError(session, error);
        } finally {
            MDC.remove("session");
        }
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        if (event == TlsFilter.PLAINTEXT_ENDED) {
            Conversation conversation = conversation(session);
            if (conversation != null) {
                decoder.input(session).startAfresh();
                conversation.plaintextEnded();
            }
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        Conversation conversation = (Conversation) session.removeAttribute(CONVERSATION);
        if (conversation == null) {
            return; // turned away before the conversation began
        }
        MDC.put("session", conversation.sessionId());
        try {
            conversation.end();
            LOG.info("disconnect from {}", session.getRemoteAddress());
        } catch (Error error) {
            LOG.error("ending session from {} failed", session.getRemoteAddress(), error);
        } finally {
            MDC.remove("session");
        }
    }

    /**
     * MINA passes an Error from the handler up through its executor, which then never runs that
     * session again: close the session here instead, so that its resources are freed.
     */
    private static void closeOnError(IoSession session, Error error) {
        LOG.error("session from {} failed, closing it", session.getRemoteAddress(), error);
        session.closeNow();
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection error from {}: {}", session.getRemoteAddress(), cause.toString());
        } else {
            LOG.warn("unexpected error in session from {}", session.getRemoteAddress(), cause);
        }
        session.closeNow();
    }
}

package dev.inbound.smtp.transport;

import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.net.ProxySettings;
import dev.inbound.smtp.codec.ProxyHeaderParser;
import dev.inbound.smtp.codec.ProxyHeaderParser.Signature;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PROXY protocol header that a load balancer such as HAProxy sends ahead of the
 * client's bytes, on a listener whose {@link ProxyMode} is not {@code OFF}. It comes first in
 * the chain, ahead of TLS: the header precedes the TLS handshake of an implicit TLS listener.
 *
 * <p>From a trusted proxy, {@code sessionOpened} is held back until the header has been read,
 * so that the connection limits, the greeting and every log line see the client's address
 * ({@link #client}); bytes after the header go on as they came. A header that is invalid,
 * missing where required, or late (past {@link ProxySettings#headerTimeout()}) closes the
 * connection without a reply, since the client behind the proxy is unknown and SMTP would be
 * the wrong language to speak to the proxy.
 *
 * <p>From anyone else a header is refused: with {@link ProxyMode#REQUIRED} the connection is
 * closed at once; with {@link ProxyMode#OPTIONAL} the client is greeted at once, and closed if
 * its first bytes are a PROXY signature.
 *
 * <p>The header timeout runs on the timer thread, the bytes arrive on the I/O thread: both
 * take the session's {@link Pending} lock, and whoever decides first ends the wait.
 */
final class ProxyProtocolFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolFilter.class);
    private static final AttributeKey PENDING = new AttributeKey(ProxyProtocolFilter.class, "pending");
    private static final AttributeKey INFO = new AttributeKey(ProxyProtocolFilter.class, "info");
    /** Bytes of a refused header quoted in the log, escaped. */
    private static final int QUOTED = 24;

    private final ProxyMode mode;
    private final ProxySettings settings;
    private final ScheduledExecutorService timer;
    private final RefusalLog refusals;

    ProxyProtocolFilter(ProxyMode mode, ProxySettings settings, ScheduledExecutorService timer, RefusalLog refusals) {
        this.mode = mode;
        this.settings = settings;
        this.timer = timer;
        this.refusals = refusals;
    }

    /** Where a session's wait for its header stands. */
    private enum Stage { WAITING, PASSING, REFUSED }

    /** One session's header, while it is awaited. */
    private static final class Pending {
        final boolean trusted;
        final NextFilter next;
        final IoBuffer held = IoBuffer.allocate(128).setAutoExpand(true);
        Stage stage = Stage.WAITING;
        ScheduledFuture<?> timeout;

        Pending(boolean trusted, NextFilter next) {
            this.trusted = trusted;
            this.next = next;
        }

        /** The wait is over, one way or the other. */
        void end(Stage outcome) {
            stage = outcome;
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }

    /** The client's address: the one its PROXY header gave, else the TCP peer. Use it, not {@code getRemoteAddress()}. */
    static InetSocketAddress client(IoSession session) {
        return info(session).flatMap(ProxyInfo::source).orElse((InetSocketAddress) session.getRemoteAddress());
    }

    /** The session's PROXY header, once it has been read. */
    static Optional<ProxyInfo> info(IoSession session) {
        return Optional.ofNullable((ProxyInfo) session.getAttribute(INFO));
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        InetSocketAddress peer = (InetSocketAddress) session.getRemoteAddress();
        boolean trusted = settings.trusts(peer.getAddress());
        if (!trusted && mode == ProxyMode.REQUIRED) {
            refusals.refused(peer, "not a trusted proxy, and a PROXY header is required");
            session.closeNow();
            return;
        }
        Pending pending = new Pending(trusted, next);
        session.setAttribute(PENDING, pending);
        if (!trusted) {
            next.sessionOpened(session); // greeted at once; only its first bytes are looked at
            return;
        }
        try {
            pending.timeout = timer.schedule(() -> timedOut(session, pending),
                    settings.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            session.closeNow();
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        Pending pending = (Pending) session.getAttribute(PENDING);
        if (pending == null) {
            next.messageReceived(session, message);
            return;
        }
        synchronized (pending) {
            switch (pending.stage) {
                case PASSING -> next.messageReceived(session, message);
                case REFUSED -> {
                    // closing; what the connection still sends is of no interest
                }
                case WAITING -> {
                    pending.held.put((IoBuffer) message);
                    ByteBuffer bytes = pending.held.buf().duplicate().flip();
                    if (pending.trusted) {
                        read(session, pending, bytes);
                    } else {
                        screen(session, pending, bytes);
                    }
                }
            }
        }
    }

    /** A trusted proxy's bytes: a header, the start of one, or (optionally) none. */
    private void read(IoSession session, Pending pending, ByteBuffer bytes) throws Exception {
        ProxyHeaderParser.Result result = ProxyHeaderParser.parse(bytes);
        if (result instanceof ProxyHeaderParser.Parsed parsed) {
            session.setAttribute(INFO, parsed.info());
            bytes.position(bytes.position() + parsed.length());
            pass(session, pending, bytes);
        } else if (result instanceof ProxyHeaderParser.Invalid invalid) {
            refuse(session, pending, "invalid PROXY header: " + invalid.reason() + quote(bytes));
        } else if (result instanceof ProxyHeaderParser.Absent) {
            if (mode == ProxyMode.OPTIONAL) {
                pass(session, pending, bytes);
            } else {
                refuse(session, pending, "no PROXY header" + quote(bytes));
            }
        }
    }

    /** An untrusted client's first bytes: passed on unless they begin a PROXY header. */
    private void screen(IoSession session, Pending pending, ByteBuffer bytes) throws Exception {
        Signature signature = ProxyHeaderParser.signature(bytes);
        if (signature == Signature.NONE) {
            pass(session, pending, bytes);
        } else if (signature != Signature.PARTIAL) {
            refuse(session, pending, "PROXY header from an address that is not a trusted proxy");
        }
    }

    /** The wait is over: the session opens (if held back), and {@code rest} goes on to the protocol. */
    private static void pass(IoSession session, Pending pending, ByteBuffer rest) throws Exception {
        pending.end(Stage.PASSING);
        if (pending.trusted) {
            pending.next.sessionOpened(session);
        }
        if (rest.hasRemaining()) {
            pending.next.messageReceived(session, IoBuffer.wrap(rest));
        }
        // Only now, still under the lock: until the session has opened, bytes and the close that
        // arrive on the I/O thread (when the timer thread passes) must wait for it here.
        session.removeAttribute(PENDING);
    }

    private void refuse(IoSession session, Pending pending, String reason) {
        pending.end(Stage.REFUSED);
        refusals.refused(session.getRemoteAddress(), reason);
        session.closeNow();
    }

    private void timedOut(IoSession session, Pending pending) {
        synchronized (pending) {
            if (pending.stage != Stage.WAITING) {
                return;
            }
            try {
                if (mode == ProxyMode.OPTIONAL && pending.held.position() == 0) {
                    pass(session, pending, ByteBuffer.allocate(0)); // a trusted host speaking for itself
                } else {
                    refuse(session, pending, "no whole PROXY header within " + settings.headerTimeout().toMillis() + " ms");
                }
            } catch (Exception | Error e) {
                LOG.warn("opening session from {} failed", session.getRemoteAddress(), e);
                session.closeNow();
            }
        }
    }

    @Override
    public void event(NextFilter next, IoSession session, FilterEvent event) throws Exception {
        Pending pending = (Pending) session.getAttribute(PENDING);
        if (event == SessionEvent.STOP && pending != null && pending.trusted) {
            synchronized (pending) {
                if (pending.stage == Stage.WAITING) {
                    pending.end(Stage.REFUSED); // no conversation yet to say goodbye
                    session.closeNow();
                }
            }
        }
        next.event(session, event);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        Pending pending = (Pending) session.getAttribute(PENDING);
        if (pending != null) {
            synchronized (pending) {
                pending.end(Stage.REFUSED);
            }
        }
        next.sessionClosed(session);
    }

    /** The first bytes, for the log, with anything but printable ASCII as {@code \xNN}. */
    private static String quote(ByteBuffer bytes) {
        StringBuilder quoted = new StringBuilder(", starting \"");
        int end = Math.min(bytes.limit(), bytes.position() + QUOTED);
        for (int i = bytes.position(); i < end; i++) {
            int b = bytes.get(i) & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\' && b != '"') {
                quoted.append((char) b);
            } else {
                quoted.append(String.format("\\x%02X", b));
            }
        }
        return quoted.append(end < bytes.limit() ? "...\"" : "\"").toString();
    }
}

package dev.inbound.smtp.transport;

import dev.inbound.smtp.TlsInfo;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * Puts MINA's {@link SslFilter} into a session: at once for implicit TLS (RFC 8314), or, for
 * STARTTLS (RFC 3207), right after the {@code 220} reply has gone out in plaintext.
 *
 * <p>The STARTTLS switch happens on the session's I/O thread, when MINA reports the 220
 * sent: every byte read before that point was plaintext, every byte after it goes through
 * TLS. The filter then sends {@link #PLAINTEXT_ENDED} down the chain, in order behind the
 * plaintext still queued for the protocol, which drops all of it (CVE-2011-0411,
 * CVE-2024-34083) and starts the session afresh when the event arrives.
 */
final class TlsFilter extends IoFilterAdapter {
    /** Marks where plaintext input ends, for the protocol. */
    static final FilterEvent PLAINTEXT_ENDED = new FilterEvent() {
        @Override
        public String toString() {
            return "PLAINTEXT_ENDED";
        }
    };

    private static final AttributeKey SWITCH_AFTER = new AttributeKey(TlsFilter.class, "switchAfter");
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Supplier<SSLContext> contexts;
    private final boolean implicit;
    private final boolean askClientCertificate;

    TlsFilter(Supplier<SSLContext> contexts, boolean implicit, boolean askClientCertificate) {
        this.contexts = contexts;
        this.implicit = implicit;
        this.askClientCertificate = askClientCertificate;
    }

    boolean implicit() {
        return implicit;
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        if (implicit) {
            addSslFilter(session);
        }
        next.sessionCreated(session);
    }

    /** Sends {@code ready} (the 220 reply) and switches the session to TLS once it is out. */
    static void startAfter(IoSession session, Object ready) {
        session.setAttribute(SWITCH_AFTER, ready);
        session.write(ready);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        Object trigger = session.getAttribute(SWITCH_AFTER);
        if (trigger != null && request.getOriginalMessage() == trigger) {
            session.removeAttribute(SWITCH_AFTER);
            addSslFilter(session);
            session.getFilterChain().fireEvent(PLAINTEXT_ENDED);
        }
        next.messageSent(session, request);
    }

    private void addSslFilter(IoSession session) {
        SslFilter ssl = new NoLookupSslFilter(contexts.get());
        ssl.setEnabledProtocols(PROTOCOLS);
        ssl.setWantClientAuth(askClientCertificate);
        // Right before this filter, not first: ReadThrottle sits ahead of it and writes its
        // resume marker past it, straight to the socket; through SslFilter it would be lost.
        session.getFilterChain().addBefore(session.getFilterChain().getEntry(this).getName(), "ssl", ssl);
    }

    /**
     * MINA names the engine's peer with {@code getHostName()}, a reverse DNS lookup on the I/O
     * thread: a slow resolver would stall every session on it. The address as given will do.
     */
    private static final class NoLookupSslFilter extends SslFilter {
        NoLookupSslFilter(SSLContext context) {
            super(context);
        }

        @Override
        protected SSLEngine createEngine(IoSession session, InetSocketAddress peer) {
            return super.createEngine(session,
                    peer == null ? null : InetSocketAddress.createUnresolved(peer.getHostString(), peer.getPort()));
        }
    }

    /** What the session negotiated, once its handshake is complete. */
    static Optional<TlsInfo> info(IoSession session) {
        SSLSession ssl = (SSLSession) session.getAttribute(SslFilter.SSL_SECURED);
        if (ssl == null) {
            return Optional.empty();
        }
        List<X509Certificate> peer;
        try {
            Certificate[] certificates = ssl.getPeerCertificates();
            peer = Arrays.stream(certificates).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            peer = List.of();
        }
        return Optional.of(new TlsInfo(ssl.getProtocol(), ssl.getCipherSuite(), peer));
    }
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxySsl;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.TlsInfo;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's record of a connection: who the client is, how it greeted, whom it
 * authenticated as, and how its bytes travel. Handlers see it read-only as {@link Session}.
 */
final class SessionState implements Session {
    private final String id;
    private final InetSocketAddress peer;
    private final InetSocketAddress localAddress;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Channel channel;
    private final Optional<ProxyInfo> proxy;
    private final boolean lmtp;
    private volatile String heloName;
    private volatile boolean esmtp;
    private volatile String authenticatedUser;
    /** STARTTLS was accepted: the session is, or is about to be, encrypted. */
    private boolean tlsStarted;

    SessionState(String id, InetSocketAddress peer, InetSocketAddress localAddress, Channel channel, boolean lmtp) {
        this.id = id;
        this.peer = peer;
        this.localAddress = localAddress;
        this.channel = channel;
        this.proxy = channel.proxy();
        this.lmtp = lmtp;
    }

    /** Forgets what the client said before TLS (RFC 3207 4.2); id, addresses and attributes stay. */
    void forgetPlaintext() {
        heloName = null;
        esmtp = false;
        authenticatedUser = null;
    }

    void greeted(String name, boolean extended) {
        this.heloName = name;
        this.esmtp = extended;
    }

    /** AUTH succeeded; a later HELO or EHLO keeps it (RFC 4954 section 4). */
    void authenticated(String identity) {
        this.authenticatedUser = identity;
    }

    /** STARTTLS was accepted; the handshake follows the 220. */
    void tlsStarted() {
        tlsStarted = true;
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
        return tls().isPresent() || proxy.flatMap(ProxyInfo::ssl).map(ProxySsl::tls).orElse(false);
    }

    /** Whether EHLO offers STARTTLS now. */
    boolean offersStartTls() {
        return !tlsActive() && channel.canStartTls();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress peer() {
        return peer;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public String heloName() {
        return heloName;
    }

    @Override
    public boolean esmtp() {
        return esmtp;
    }

    @Override
    public boolean lmtp() {
        return lmtp;
    }

    @Override
    public Optional<TlsInfo> tls() {
        return channel.tls();
    }

    @Override
    public Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    @Override
    public Optional<ProxyInfo> proxy() {
        return proxy;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "Session[" + id + " " + peer + "]";
    }
}

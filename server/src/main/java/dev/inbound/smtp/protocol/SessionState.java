package dev.inbound.smtp.protocol;

import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.TlsInfo;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The server's record of a connection; handlers see it read-only as {@link Session}. */
final class SessionState implements Session {
    private final String id;
    private final InetSocketAddress peer;
    private final InetSocketAddress localAddress;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Supplier<Optional<TlsInfo>> tls;
    private final Optional<ProxyInfo> proxy;
    private final boolean lmtp;
    private volatile String heloName;
    private volatile boolean esmtp;
    private volatile String authenticatedUser;

    SessionState(String id, InetSocketAddress peer, InetSocketAddress localAddress, Optional<ProxyInfo> proxy,
            Supplier<Optional<TlsInfo>> tls, boolean lmtp) {
        this.id = id;
        this.peer = peer;
        this.localAddress = localAddress;
        this.proxy = proxy;
        this.tls = tls;
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
        return tls.get();
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

package dev.inbound.smtp;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a PROXY protocol header said about the connection a proxy relays. {@link Session#peer()}
 * is {@link #source()} when the header has one.
 *
 * <pre>{@code
 * session.proxy().flatMap(ProxyInfo::authority).ifPresent(name -> log.info("client asked for {}", name));
 * }</pre>
 *
 * <p>The addresses are empty when the header gave none: a version 1 {@code UNKNOWN}, a version 2
 * {@code LOCAL} (the proxy's own health check), or a family other than IPv4 and IPv6 over TCP.
 * The TLVs come with version 2 only.
 */
public final class ProxyInfo {
    private final int version;
    private final InetSocketAddress source;
    private final InetSocketAddress destination;
    private final String alpn;
    private final String authority;
    private final byte[] uniqueId;
    private final ProxySsl ssl;

    /**
     * @param version 1 or 2
     * @param source the client's address and port, or null
     * @param destination the address and port the client connected to, or null
     * @param alpn the ALPN protocol, or null
     * @param authority the host name the client asked for (TLS SNI), or null
     * @param uniqueId the proxy's id for the connection, or null
     * @param ssl the TLS between client and proxy, or null
     */
    public ProxyInfo(int version, InetSocketAddress source, InetSocketAddress destination, String alpn,
            String authority, byte[] uniqueId, ProxySsl ssl) {
        this.version = version;
        this.source = source;
        this.destination = destination;
        this.alpn = alpn;
        this.authority = authority;
        this.uniqueId = uniqueId == null ? null : uniqueId.clone();
        this.ssl = ssl;
    }

    /** The protocol version of the header, 1 (text) or 2 (binary). */
    public int version() {
        return version;
    }

    /** The client's own address and port. */
    public Optional<InetSocketAddress> source() {
        return Optional.ofNullable(source);
    }

    /** The address and port the client connected to, on the proxy. */
    public Optional<InetSocketAddress> destination() {
        return Optional.ofNullable(destination);
    }

    /** PP2_TYPE_ALPN: the protocol the client and proxy agreed on, one char per byte. */
    public Optional<String> alpn() {
        return Optional.ofNullable(alpn);
    }

    /** PP2_TYPE_AUTHORITY: the host name the client asked for, usually its TLS SNI. */
    public Optional<String> authority() {
        return Optional.ofNullable(authority);
    }

    /** PP2_TYPE_UNIQUE_ID: the proxy's id for the connection, up to 128 bytes (a copy). */
    public Optional<byte[]> uniqueId() {
        return Optional.ofNullable(uniqueId).map(byte[]::clone);
    }

    /** PP2_TYPE_SSL: the TLS between the client and the proxy, where the proxy terminated it. */
    public Optional<ProxySsl> ssl() {
        return Optional.ofNullable(ssl);
    }

    @Override
    public String toString() {
        return "PROXY v" + version + (source == null ? " without addresses" : " from " + source + " to " + destination);
    }
}

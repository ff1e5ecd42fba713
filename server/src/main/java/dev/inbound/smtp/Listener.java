package dev.inbound.smtp;

import java.util.Objects;

/**
 * One address the server listens on, and what it speaks there.
 *
 * <pre>{@code
 * new Listener(Listener.Kind.SMTPS, "0.0.0.0", 465)
 * }</pre>
 *
 * @param kind what connections to it begin with
 * @param host a name or address; every address of a name is bound (127.0.0.1 and ::1 for
 *     {@code localhost}), as Postfix does
 * @param port the TCP port, 0 for any free port
 * @param proxy whether connections begin with a PROXY protocol header
 */
public record Listener(Kind kind, String host, int port, ProxyMode proxy) {
    /** What a listener speaks. */
    public enum Kind {
        /** SMTP (RFC 5321), with STARTTLS when the server has TLS keys. */
        SMTP,
        /** SMTP inside TLS from the first byte (RFC 8314). */
        SMTPS,
        /**
         * LMTP (RFC 2033), with STARTTLS as for SMTP: LHLO instead of HELO and EHLO, and one
         * reply per recipient after the message.
         */
        LMTP
    }

    public Listener {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(host);
        Objects.requireNonNull(proxy);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
    }

    /** A listener without PROXY protocol. */
    public Listener(Kind kind, String host, int port) {
        this(kind, host, port, ProxyMode.OFF);
    }

    /** This listener with {@code mode} for the PROXY protocol. */
    public Listener withProxy(ProxyMode mode) {
        return new Listener(kind, host, port, mode);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " on " + host + ":" + port;
    }
}

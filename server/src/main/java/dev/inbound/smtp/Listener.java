package dev.inbound.smtp;

import java.util.Locale;
import java.util.Objects;

/**
 * One address the server listens on, what it speaks there, and its policy.
 *
 * <pre>{@code
 * new Listener(Listener.Kind.SMTPS, "0.0.0.0", 465)
 * }</pre>
 *
 * @param name what {@link SmtpServer.Builder#policy} calls it: {@code smtp}, {@code submission},
 *     {@code smtps} or {@code lmtp} (every LMTP listener)
 * @param kind what connections to it begin with
 * @param host a name or address; every address of a name is bound (127.0.0.1 and ::1 for
 *     {@code localhost}), as Postfix does
 * @param port the TCP port, 0 for any free port
 * @param policy what it asks of clients, the server's defaults with this listener's overrides
 */
public record Listener(String name, Kind kind, String host, int port, ListenerPolicy policy) {
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
        LMTP;

        /** The name of a listener of this kind unless given another: {@code smtp}, {@code smtps}, {@code lmtp}. */
        public String listenerName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Listener {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(host);
        Objects.requireNonNull(policy);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
        }
    }

    /** A listener named for its kind, with the {@linkplain ListenerPolicy#DEFAULTS default policy}. */
    public Listener(Kind kind, String host, int port) {
        this(kind.listenerName(), kind, host, port, ListenerPolicy.DEFAULTS);
    }

    /** Whether connections begin with a PROXY protocol header: the policy's. */
    public ProxyMode proxy() {
        return policy.proxy();
    }

    /** This listener with {@code resolved} as its policy. */
    public Listener withPolicy(ListenerPolicy resolved) {
        return new Listener(name, kind, host, port, resolved);
    }

    @Override
    public String toString() {
        String what = name.equals(kind.listenerName()) ? name : name + " (" + kind.listenerName() + ")";
        return what + " on " + host + ":" + port;
    }
}

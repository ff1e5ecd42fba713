package dev.inbound.smtp;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * One client connection, as the handler sees it.
 *
 * <pre>{@code
 * log.info("{} from {} says HELO {}", session.id(), session.peer(), session.heloName());
 * }</pre>
 */
public interface Session {
    /** A short id, unique in this server's run, used in logs and message ids. */
    String id();

    /**
     * The address the connection comes from: the client's own, as a PROXY protocol header gave
     * it, else the TCP peer.
     */
    InetSocketAddress peer();

    /** The address the connection was accepted on. */
    InetSocketAddress localAddress();

    /** The name from HELO or EHLO, or {@code null} before either. */
    String heloName();

    /** True after EHLO or LHLO, false before them and after HELO. */
    boolean esmtp();

    /**
     * True when the client came in on an LMTP listener (RFC 2033): it greets with LHLO, and
     * after the message each recipient gets its own reply, from {@link Handler#deliver}.
     */
    boolean lmtp();

    /** The TLS parameters, once the session is encrypted. */
    Optional<TlsInfo> tls();

    /** The authenticated user, once AUTH has succeeded. */
    Optional<String> authenticatedUser();

    /** What the PROXY protocol header said, when the connection began with one. */
    Optional<ProxyInfo> proxy();

    /** Room for the handler's own state, kept for the life of the connection. */
    Map<String, Object> attributes();
}

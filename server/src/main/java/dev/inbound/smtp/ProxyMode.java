package dev.inbound.smtp;

/**
 * Whether a listener reads a PROXY protocol header (HAProxy's proxy-protocol.txt, version 1 or
 * 2) in front of each connection, which names the client a load balancer is relaying.
 *
 * <p>A header is read only from a {@linkplain SmtpServer.Builder#proxyTrusted trusted} address;
 * anyone else who sends one is disconnected.
 */
public enum ProxyMode {
    /** No header is read: bytes that look like one are SMTP input like any other. */
    OFF,
    /**
     * A trusted proxy may send a header; one that sends none within the header timeout is
     * itself the client, and greeted then. Other clients are greeted at once.
     */
    OPTIONAL,
    /** Every connection must come from a trusted proxy and begin with a valid header. */
    REQUIRED
}

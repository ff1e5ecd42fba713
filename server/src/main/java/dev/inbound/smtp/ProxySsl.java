package dev.inbound.smtp;

/**
 * The TLS between the client and the proxy, as the proxy reported it in the SSL TLV of a PROXY
 * version 2 header (HAProxy's {@code send-proxy-v2-ssl}): present where the proxy terminated
 * TLS and relays the plaintext to this server.
 *
 * <pre>{@code
 * boolean encrypted = session.proxy().flatMap(ProxyInfo::ssl).map(ProxySsl::tls).orElse(false);
 * }</pre>
 *
 * @param clientFlags the {@code PP2_CLIENT_*} bits: 1 TLS, 2 certificate on this connection, 4
 *     certificate on the TLS session
 * @param verify 0 when the client presented a certificate and the proxy verified it
 * @param version such as {@code TLSv1.3}, empty when not sent
 * @param cipher such as {@code TLS_AES_256_GCM_SHA384}, empty when not sent
 * @param commonName the CN of the client certificate, empty when not sent
 * @param signatureAlgorithm of the client certificate, empty when not sent
 * @param keyAlgorithm of the client certificate, empty when not sent
 */
public record ProxySsl(int clientFlags, int verify, String version, String cipher, String commonName,
        String signatureAlgorithm, String keyAlgorithm) {

    /** Whether the client spoke TLS to the proxy. */
    public boolean tls() {
        return (clientFlags & 0x01) != 0;
    }

    /** Whether the client presented a certificate, on this connection or earlier in its TLS session. */
    public boolean clientCertificate() {
        return (clientFlags & 0x06) != 0;
    }

    /** Whether the client presented a certificate and the proxy verified it. */
    public boolean certificateVerified() {
        return clientCertificate() && verify == 0;
    }
}

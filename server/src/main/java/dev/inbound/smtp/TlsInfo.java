package dev.inbound.smtp;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a session negotiated with TLS.
 *
 * @param protocol such as {@code TLSv1.3}
 * @param cipherSuite such as {@code TLS_AES_128_GCM_SHA256}
 * @param peerCertificates the client's certificate chain, empty when it sent none
 */
public record TlsInfo(String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {
    public TlsInfo {
        peerCertificates = List.copyOf(peerCertificates);
    }
}

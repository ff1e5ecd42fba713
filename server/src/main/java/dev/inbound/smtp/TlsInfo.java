package dev.inbound.smtp;

/** What a session negotiated with TLS. */
public record TlsInfo(String protocol, String cipherSuite) {
}

package dev.inbound.store;

import java.util.List;
import java.util.Objects;

/**
 * How a stored message arrived: the SMTP envelope and the client that sent it.
 *
 * <pre>{@code
 * MailEnvelope envelope = new MailEnvelope("alice@example.com", List.of("bob@example.net"),
 *         "192.0.2.7", "client.example.com", true, null);
 * }</pre>
 *
 * @param mailFrom the reverse-path, empty for {@code <>}
 * @param rcptTos the accepted recipients, in order
 * @param client the client's IP address as text
 * @param helo the name the client gave in HELO, EHLO or LHLO, or {@code null}
 * @param tls whether the message came over TLS
 * @param authenticatedUser the user the client authenticated as, or {@code null}
 */
public record MailEnvelope(String mailFrom, List<String> rcptTos, String client, String helo, boolean tls,
        String authenticatedUser) {
    public MailEnvelope {
        Objects.requireNonNull(mailFrom);
        rcptTos = List.copyOf(rcptTos);
    }
}

package dev.inbound.docker;

import java.time.Instant;
import java.util.List;

/**
 * One message the container received, as {@code GET /api/messages} lists it.
 *
 * @param id the server's id for it; a larger id is a newer message
 * @param received when the server accepted it
 * @param mailFrom the MAIL FROM address, empty for the null sender
 * @param rcptTos the RCPT TO addresses
 * @param from the decoded From header, or null
 * @param to the addresses of the To header
 * @param subject the decoded subject, empty without one
 * @param size the bytes as received, the server's Received header included
 */
public record MessageSummary(String id, Instant received, String mailFrom, List<String> rcptTos, String from,
        List<String> to, String subject, long size) {
}

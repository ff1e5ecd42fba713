package dev.inbound.http;

import dev.inbound.store.StoredMessage;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The filters of {@code GET /api/messages} and {@code /wait}: {@code to}, {@code from},
 * {@code subject} and {@code since}, all of which a message must pass.
 *
 * <p>{@code to} and {@code from} name an address, matched without regard to case against the
 * envelope (RCPT TO, MAIL FROM) and the headers ({@code To} and {@code Cc}, {@code From}); a
 * value starting with {@code @} matches every address in that domain. {@code subject} is a
 * substring of the decoded subject, case ignored; {@code since} an ISO-8601 instant, the
 * message received at or after it.
 *
 * <pre>{@code
 * Predicate<StoredMessage> match = MessageFilter.of(Map.of("to", "@example.net", "subject", "invoice"));
 * }</pre>
 */
final class MessageFilter {
    private MessageFilter() {
    }

    /** The filter the query parameters describe; throws IllegalArgumentException for a bad value. */
    static Predicate<StoredMessage> of(Map<String, String> query) {
        Predicate<StoredMessage> all = message -> true;
        String to = query.get("to");
        if (to != null) {
            all = all.and(message -> anyMatches(to, message.envelope().rcptTos())
                    || anyMatches(to, headerAddresses(message, "To")) || anyMatches(to, headerAddresses(message, "Cc")));
        }
        String from = query.get("from");
        if (from != null) {
            all = all.and(message -> addressMatches(from, message.envelope().mailFrom())
                    || anyMatches(from, headerAddresses(message, "From")));
        }
        String subject = query.get("subject");
        if (subject != null) {
            String part = subject.toLowerCase(Locale.ROOT);
            all = all.and(message -> MessageJson.subjectOf(message).toLowerCase(Locale.ROOT).contains(part));
        }
        String since = query.get("since");
        if (since != null) {
            Instant start = instant(since);
            all = all.and(message -> !message.received().isBefore(start));
        }
        return all;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-01-31T12:00:00Z: " + value);
        }
    }

    private static boolean anyMatches(String filter, List<String> addresses) {
        return addresses.stream().anyMatch(address -> addressMatches(filter, address));
    }

    private static boolean addressMatches(String filter, String address) {
        return filter.startsWith("@") ? address.toLowerCase(Locale.ROOT).endsWith(filter.toLowerCase(Locale.ROOT))
                : address.equalsIgnoreCase(filter);
    }

    /** The addresses in the message's headers called {@code name}; those that do not parse are left out. */
    static List<String> headerAddresses(StoredMessage message, String name) {
        List<String> addresses = new ArrayList<>();
        String[] values = message.headers().getHeader(name);
        if (values == null) {
            return addresses;
        }
        for (String value : values) {
            try {
                for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                    addresses.add(address.getAddress());
                }
            } catch (AddressException e) {
                // a malformed header names nobody this filter could mean
            }
        }
        return addresses;
    }
}

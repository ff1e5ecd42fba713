package dev.inbound.jms;

import dev.inbound.smtp.DomainName;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks the destination of a recipient by its domain: an exact domain first, then the default.
 * With no default, a recipient whose domain has no route has no destination, and is refused at
 * RCPT.
 *
 * <pre>{@code
 * DomainRoutes routes = DomainRoutes.to(DestinationName.queue("mail"))
 *         .with("orders.example.com", DestinationName.queue("mail.orders"));
 * }</pre>
 */
public final class DomainRoutes {
    private final Map<String, DestinationName> byDomain;
    private final DestinationName fallback;

    private DomainRoutes(Map<String, DestinationName> byDomain, DestinationName fallback) {
        this.byDomain = byDomain;
        this.fallback = fallback;
    }

    /** Every recipient to {@code destination}, until {@link #with} adds a route. */
    public static DomainRoutes to(DestinationName destination) {
        return new DomainRoutes(new TreeMap<>(), destination);
    }

    /** Only the routed domains; other recipients are refused. */
    public static DomainRoutes routedOnly() {
        return new DomainRoutes(new TreeMap<>(), null);
    }

    /** These routes and {@code domain} to {@code destination}; domains compare as {@link DomainName#canonical} has them. */
    public DomainRoutes with(String domain, DestinationName destination) {
        Map<String, DestinationName> copy = new TreeMap<>(byDomain);
        copy.put(DomainName.canonical(domain), destination);
        return new DomainRoutes(copy, fallback);
    }

    /** The destination of {@code recipient}, empty when nothing takes its domain. */
    public Optional<DestinationName> destinationOf(String recipient) {
        int at = recipient.lastIndexOf('@');
        String domain = at < 0 ? "" : DomainName.canonical(recipient.substring(at + 1));
        return Optional.ofNullable(byDomain.getOrDefault(domain, fallback));
    }
}

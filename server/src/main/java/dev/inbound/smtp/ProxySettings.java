package dev.inbound.smtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Who may send a PROXY protocol header, and how long it may take; whether a listener reads one
 * is its {@link Listener#proxy()}.
 *
 * @param trusted the networks of the proxies whose headers are believed
 * @param headerTimeout how long a connection may take to send its whole header; past it the
 *     connection is closed without a reply
 */
public record ProxySettings(List<IpNetwork> trusted, Duration headerTimeout) {
    public ProxySettings {
        trusted = List.copyOf(trusted);
    }

    /** Whether {@code address} is in a trusted network. */
    public boolean trusts(InetAddress address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }
}

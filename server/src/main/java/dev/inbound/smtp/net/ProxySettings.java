package dev.inbound.smtp.net;

import dev.inbound.smtp.ServerSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Who may send a PROXY protocol header, and how long it may take, as the transport checks it;
 * whether a listener reads one is its {@link dev.inbound.smtp.Listener#proxy()}.
 *
 * @param trusted the networks of the proxies whose headers are believed
 * @param headerTimeout how long a connection may take to send its whole header; past it the
 *     connection is closed without a reply
 */
public record ProxySettings(List<IpNetwork> trusted, Duration headerTimeout) {
    public ProxySettings {
        trusted = List.copyOf(trusted);
    }

    /** The networks and timeout of {@code settings}, parsed; the builder checked that they parse. */
    public static ProxySettings of(ServerSettings settings) {
        return new ProxySettings(settings.proxyTrusted().stream().map(IpNetwork::parse).toList(), settings.proxyTimeout());
    }

    /** Whether {@code address} is in a trusted network. */
    public boolean trusts(InetAddress address) {
        return trusted.stream().anyMatch(network -> network.contains(address));
    }
}

package dev.inbound.smtp;

import java.net.InetSocketAddress;

/** The client's own addresses as a PROXY protocol header reported them. */
public record ProxyInfo(InetSocketAddress source, InetSocketAddress destination) {
}

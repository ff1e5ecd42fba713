package dev.inbound.webapp;

import dev.inbound.smtp.SmtpCheck;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a server's SMTP listener (its LMTP listener, when it has no SMTP one) serves clients
 * now, checked as a client would with {@link SmtpCheck}: 220 greeting, 250 to EHLO or LHLO,
 * QUIT. A listener that expects a PROXY protocol header greets only after one, which this
 * probe cannot honestly send; there a completed TCP connect is the check, as a load balancer's.
 */
final class GreetingProbe {
    private final Duration timeout;

    GreetingProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Empty when the listener answered as a healthy one does, else what went wrong. */
    Optional<String> problem(SmtpServer server) {
        Optional<Listener> found = server.settings().listener(Listener.Kind.SMTP)
                .or(() -> server.settings().listener(Listener.Kind.LMTP));
        if (found.isEmpty()) {
            return Optional.of("no SMTP or LMTP listener");
        }
        Listener listener = found.get();
        try {
            InetSocketAddress target = new InetSocketAddress(address(listener.host()), server.port(listener.kind()));
            if (listener.proxy() == ProxyMode.OFF) {
                return SmtpCheck.problem(target, listener.kind() == Listener.Kind.LMTP, timeout);
            }
            try (Socket socket = new Socket()) {
                socket.connect(target, (int) timeout.toMillis());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.toString());
        }
    }

    /** Where a client on this machine reaches a listener on {@code host}: loopback for a wildcard. */
    private static InetAddress address(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    }
}

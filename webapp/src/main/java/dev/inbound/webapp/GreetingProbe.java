package dev.inbound.webapp;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a server's SMTP listener (its LMTP listener, when it has no SMTP one) accepts
 * connections now, checked as a client would: connect, read the {@code 220} greeting, say
 * QUIT. A listener that expects a PROXY protocol header greets only after one, which this
 * probe cannot honestly send; there a completed TCP connect is the check, as a load balancer's.
 */
final class GreetingProbe {
    private final Duration timeout;

    GreetingProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** {@code null} when the listener greeted, else what went wrong. */
    String problem(SmtpServer server) {
        Optional<Listener> listener = server.settings().listener(Listener.Kind.SMTP)
                .or(() -> server.settings().listener(Listener.Kind.LMTP));
        if (listener.isEmpty()) {
            return "no SMTP or LMTP listener";
        }
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(listener.get().host()), server.port(listener.get().kind())), millis);
            if (listener.get().proxy() != ProxyMode.OFF) {
                return null;
            }
            socket.setSoTimeout(millis);
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (greeting == null || !greeting.startsWith("220")) {
                return "greeted with " + greeting;
            }
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Where a client on this machine reaches a listener on {@code host}: loopback for a wildcard. */
    private static InetAddress address(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    }
}

package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TrustingTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The {@code inbound} command refuses TLS 1.2 renegotiation started by the client, a cheap way
 * to make the server do handshake after handshake. The JDK decides this once per JVM, from a
 * property main() sets, so the server runs in a JVM of its own.
 */
class TlsRenegotiationTest {
    private static final Pattern STARTED = Pattern.compile(".*implicit TLS on 127\\.0\\.0\\.1:(\\d+) with handler sink");

    @Test
    void clientInitiatedRenegotiationIsRefused() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                InboundCommand.class.getName(), "--listen", "127.0.0.1:0", "--tls-self-signed", "--tls-port", "0",
                "--handler", "sink").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            int port = implicitTlsPort(out);
            SSLSocket socket = (SSLSocket) TrustingTls.context().getSocketFactory().createSocket("127.0.0.1", port);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setSoTimeout(10_000);
            try (SmtpTestClient client = SmtpTestClient.over(socket)) {
                client.greet();
                assertThat(client.command("NOOP")).startsWith("250");
                assertThatThrownBy(() -> {
                    socket.startHandshake(); // on a TLS 1.2 connection: renegotiate
                    client.command("NOOP");
                }).isInstanceOf(SSLException.class);
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static int implicitTlsPort(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher started = STARTED.matcher(line);
            if (started.matches()) {
                return Integer.parseInt(started.group(1));
            }
        }
        throw new AssertionError("the server ended without saying where it listens");
    }
}

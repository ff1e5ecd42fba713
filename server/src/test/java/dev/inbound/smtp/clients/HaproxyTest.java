package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyHeaders;
import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.ProxySsl;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SessionRecorder;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.TrustingTls;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HAProxy on loopback in front of the server, with {@code send-proxy} and {@code send-proxy-v2}:
 * the client connects to HAProxy from 127.0.0.2, HAProxy to the server from 127.0.0.1 (the one
 * trusted proxy), and the handler must see 127.0.0.2. A missing {@code haproxy} fails the tests.
 */
class HaproxyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final SessionRecorder recorder = new SessionRecorder();

    private TestServer server() throws IOException {
        return new TestServer(b -> b.proxyProtocol(ProxyMode.REQUIRED).proxyTrusted("127.0.0.1/32"), recorder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"send-proxy", "send-proxy-v2"})
    void theHandlerSeesTheClientBehindHaproxy(String sendProxy) throws Exception {
        try (TestServer server = server()) {
            int front = freePort();
            try (Haproxy haproxy = Haproxy.start(dir, "bind 127.0.0.1:" + front,
                    "server s 127.0.0.1:" + server.port() + " " + sendProxy);
                    SmtpTestClient client = SmtpTestClient.from("127.0.0.2", front)) {
                client.greet();
                Session session = recorder.next(WAIT);
                assertThat(session.peer()).isEqualTo(client.socket().getLocalSocketAddress());
                assertThat(session.proxy().map(ProxyInfo::version)).contains(sendProxy.endsWith("v2") ? 2 : 1);
                assertThat(client.startData().endData("Subject: via haproxy\r\n\r\nhi\r\n")).startsWith("250");
                assertThat(server.collector.awaitCount(1, WAIT).get(0).text())
                        .startsWith("Received: from client.example ([127.0.0.2])");
            }
        }
    }

    @Test
    void haproxyThatTerminatedTlsSaysSoInTheSslTlv() throws Exception {
        Path pem = certificateAndKey();
        try (TestServer server = server()) {
            int front = freePort();
            try (Haproxy haproxy = Haproxy.start(dir, "bind 127.0.0.1:" + front + " ssl crt " + pem + " alpn smtp",
                    "server s 127.0.0.1:" + server.port() + " send-proxy-v2 proxy-v2-options ssl,authority,crc32c")) {
                SSLSocket tls = tlsFrom127002(front);
                try (SmtpTestClient client = SmtpTestClient.over(tls)) {
                    client.greet();
                    Session session = recorder.next(WAIT);
                    assertThat(session.peer().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
                    assertThat(session.tls()).isEmpty(); // between HAProxy and the server
                    ProxyInfo info = session.proxy().orElseThrow();
                    assertThat(info.authority()).contains("mx.example.test");
                    assertThat(info.alpn()).contains("smtp");
                    ProxySsl ssl = info.ssl().orElseThrow();
                    assertThat(ssl.tls()).isTrue();
                    assertThat(ssl.version()).isEqualTo(tls.getSession().getProtocol());
                    assertThat(ssl.clientCertificate()).isFalse();
                }
            }
        }
    }

    @Test
    void haproxyPassingTlsThroughToTheImplicitTlsPortSendsTheHeaderFirst() throws Exception {
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0)
                .proxyProtocol(Listener.Kind.SMTPS, ProxyMode.REQUIRED).proxyTrusted("127.0.0.1/32"), recorder)) {
            int front = freePort();
            try (Haproxy haproxy = Haproxy.start(dir, "bind 127.0.0.1:" + front,
                    "server s 127.0.0.1:" + server.implicitTlsPort() + " send-proxy-v2");
                    SmtpTestClient client = SmtpTestClient.over(tlsFrom127002(front))) {
                client.greet();
                Session session = recorder.next(WAIT);
                assertThat(session.peer().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
                assertThat(session.tls()).isPresent();
                assertThat(session.proxy().flatMap(ProxyInfo::ssl)).isEmpty();
            }
        }
    }

    @Test
    void aClientThatSendsAHeaderItselfIsRefused() throws Exception {
        try (TestServer server = server();
                SmtpTestClient client = SmtpTestClient.from("127.0.0.3", server.port())) {
            client.sendBytes(ProxyHeaders.v1Tcp4("192.0.2.1", 1));
            assertThat(client.closedByServer()).isTrue();
            assertThat(recorder.none()).isTrue();
        }
    }

    /** A certificate for localhost and its key in one PEM file, as HAProxy's {@code crt} wants, made by openssl. */
    private Path certificateAndKey() throws Exception {
        Path key = dir.resolve("key.pem");
        Path certificate = dir.resolve("cert.pem");
        ProcessRunner.Result made = ProcessRunner.run(List.of("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(),
                "-out", certificate.toString(), "-subj", "/CN=localhost", "-days", "1"));
        assertThat(made.exitCode()).as(made.describe()).isZero();
        Path both = dir.resolve("haproxy.pem");
        Files.writeString(both, Files.readString(certificate) + Files.readString(key));
        return both;
    }

    /** A TLS client from 127.0.0.2 to {@code port} on 127.0.0.1, asking for mx.example.test and ALPN smtp. */
    private static SSLSocket tlsFrom127002(int port) throws IOException {
        Socket tcp = new Socket();
        tcp.bind(new InetSocketAddress("127.0.0.2", 0));
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        SSLSocket tls = (SSLSocket) TrustingTls.context().getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName("mx.example.test")));
        parameters.setApplicationProtocols(new String[] {"smtp"});
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** An haproxy process in the foreground ({@code -db}) with a one-frontend TCP configuration; killed on close. */
    private static final class Haproxy implements AutoCloseable {
        private final Process process;
        private final File output;

        private Haproxy(Process process, File output) {
            this.process = process;
            this.output = output;
        }

        static Haproxy start(Path dir, String bind, String server) throws Exception {
            Path config = dir.resolve("haproxy.cfg");
            Files.writeString(config, String.join("\n",
                    "global",
                    "    maxconn 100",
                    "defaults",
                    "    mode tcp",
                    "    timeout connect 5s",
                    "    timeout client 30s",
                    "    timeout server 30s",
                    "frontend smtp",
                    "    " + bind,
                    "    default_backend inbound",
                    "backend inbound",
                    "    " + server,
                    ""));
            File output = dir.resolve("haproxy.out").toFile();
            Process process = new ProcessBuilder("haproxy", "-f", config.toString(), "-db")
                    .redirectErrorStream(true).redirectOutput(output).start();
            Haproxy haproxy = new Haproxy(process, output);
            try {
                haproxy.awaitListening(bind.split("[ :]")[2]);
            } catch (Exception | AssertionError e) {
                haproxy.close();
                throw e;
            }
            return haproxy;
        }

        /** Waits until the frontend takes connections, or fails with what haproxy printed. */
        private void awaitListening(String port) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + printed());
                }
                try (Socket probe = new Socket("127.0.0.1", Integer.parseInt(port))) {
                    return;
                } catch (IOException notYet) {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            throw new AssertionError("haproxy not listening within " + WAIT + ":\n" + printed());
        }

        private String printed() throws IOException {
            return Files.readString(output.toPath(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

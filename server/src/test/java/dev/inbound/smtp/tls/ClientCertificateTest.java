package dev.inbound.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsInfo;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.TrustingTls;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The handler sees what TLS negotiated, and the client's certificate when the server asks for one. */
class ClientCertificateTest {

    @Test
    void handlerSeesProtocolCipherAndClientCertificate() throws Exception {
        List<TlsInfo> seen = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) {
                seen.add(session.tls().orElseThrow());
                return null;
            }
        };
        TestKeys client = TestKeys.generate("EC", "client.test");
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0)
                .askClientCertificate(true), recorder);
                SmtpTestClient smtp = connectWithCertificate(server.server.implicitTlsPort(), client)) {
            smtp.greet();
            smtp.startData();
            assertThat(smtp.endData("Subject: with certificate\r\n\r\nx\r\n")).startsWith("250");
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).protocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(seen.get(0).cipherSuite()).startsWith("TLS_");
        assertThat(seen.get(0).peerCertificates()).containsExactly(client.certificate);
    }

    @Test
    void noCertificateIsAskedForByDefault() throws Exception {
        List<TlsInfo> seen = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) {
                seen.add(session.tls().orElseThrow());
                return null;
            }
        };
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0), recorder);
                SmtpTestClient smtp = connectWithCertificate(server.server.implicitTlsPort(),
                        TestKeys.generate("EC", "client.test"))) {
            smtp.greet();
            smtp.startData();
            smtp.endData("x\r\n");
        }
        assertThat(seen.get(0).peerCertificates()).isEmpty();
    }

    private static SmtpTestClient connectWithCertificate(int port, TestKeys keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", keys.pair.getPrivate(), new char[0], new Certificate[] {keys.certificate});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), TrustingTls.trustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return SmtpTestClient.over(socket);
    }
}

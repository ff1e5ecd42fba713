package dev.inbound.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key material from PEM and PKCS#12 files, checked when read and followed when replaced. */
class KeyMaterialTest {
    @TempDir
    Path dir;

    /** The certificate a client is shown on the server's implicit TLS port. */
    private static String servedName(TestServer server) throws Exception {
        try (SmtpTestClient client = SmtpTestClient.tls(server.server.implicitTlsPort())) {
            SSLSocket socket = (SSLSocket) client.socket();
            client.reply();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void servesAPemChainAndPkcs8Key(String algorithm) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestKeys.generate(algorithm, "pem.test").writePem(cert, key);
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.pem(cert, key)).implicitTlsPort(0))) {
            assertThat(servedName(server)).isEqualTo("CN=pem.test");
        }
    }

    @Test
    void servesAPkcs12KeyStore() throws Exception {
        Path store = dir.resolve("server.p12");
        TestKeys.generate("EC", "p12.test").writePkcs12(store, "secret".toCharArray());
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.pkcs12(store, "secret")).implicitTlsPort(0))) {
            assertThat(servedName(server)).isEqualTo("CN=p12.test");
        }
    }

    @Test
    void refusesToStartWithAKeyThatIsNotTheCertificates() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path otherCert = dir.resolve("other.pem");
        TestKeys.generate("EC", "one.test").writePem(cert, key);
        TestKeys.generate("EC", "two.test").writePem(otherCert, dir.resolve("other-key.pem"));
        SmtpServer server = SmtpServer.builder().port(0).tls(TlsSettings.pem(otherCert, key)).build();
        assertThatThrownBy(server::start).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void replacedFilesServeNewConnectionsWithoutARestart() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestKeys.generate("EC", "before.test").writePem(cert, key);
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.pem(cert, key)).implicitTlsPort(0))) {
            assertThat(servedName(server)).isEqualTo("CN=before.test");
            TestKeys.generate("RSA", "after.test").writePem(cert, key);
            FileTime later = FileTime.from(Instant.now().plusSeconds(5));
            Files.setLastModifiedTime(cert, later);
            Files.setLastModifiedTime(key, later);
            assertThat(servedName(server)).isEqualTo("CN=after.test");
        }
    }

    @Test
    void aBrokenReplacementKeepsThePreviousKeys() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestKeys.generate("EC", "kept.test").writePem(cert, key);
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.pem(cert, key)).implicitTlsPort(0))) {
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
            Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(servedName(server)).isEqualTo("CN=kept.test");
        }
    }
}

package dev.inbound.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS key of {@code @InboundSmtp(tls = true)}: a self-signed EC certificate for localhost,
 * 127.0.0.1 and ::1, valid for a hundred years, made once with the JDK's keytool and shipped in
 * this jar. Making one at start would need Bouncy Castle, 8 MB more on every test class path;
 * a fixed test key is what GreenMail ships too.
 */
final class LocalhostCertificate {
    private static final String RESOURCE = "localhost.p12";
    private static final char[] PASSWORD = "inbound-test".toCharArray();

    static final SSLContext CONTEXT = load();

    private LocalhostCertificate() {
    }

    private static SSLContext load() {
        try (InputStream in = LocalhostCertificate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the inbound-junit jar");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the test certificate " + RESOURCE, e);
        }
    }
}

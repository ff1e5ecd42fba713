package dev.inbound.smtp.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Key pairs and self-signed certificates written as the files a server is given. */
public final class TestKeys {
    final KeyPair pair;
    final X509Certificate certificate;

    private TestKeys(KeyPair pair, X509Certificate certificate) {
        this.pair = pair;
        this.certificate = certificate;
    }

    /** A new key ("RSA" or "EC") and a certificate for {@code hostname}. */
    public static TestKeys generate(String algorithm, String hostname) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        KeyPair pair = generator.generateKeyPair();
        return new TestKeys(pair, KeyMaterial.selfSignedCertificate(pair, hostname));
    }

    public void writePem(Path certificateFile, Path keyFile) throws IOException {
        Files.writeString(certificateFile, pem(certificate));
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
    }

    void writePkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}

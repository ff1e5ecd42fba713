package dev.inbound.smtp.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds a server {@link SSLContext} from PEM files, a PKCS#12 keystore, or a fresh self-signed certificate. */
public final class KeyMaterial {
    private static final Pattern PEM_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private KeyMaterial() {
    }

    /** A certificate chain (server certificate first) and a PKCS#8 private key, RSA or EC, both PEM. */
    public static SSLContext fromPem(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("No certificate in " + certificateChain);
        }
        PrivateKey key = pkcs8Key(privateKey);
        requireMatch(key, chain.get(0), privateKey);
        return context(key, chain.toArray(X509Certificate[]::new));
    }

    /** A key that does not belong to the certificate would load fine and fail every handshake. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, Path keyFile)
            throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("The key in " + keyFile + " does not belong to the certificate "
                    + certificate.getSubjectX500Principal());
        }
    }

    /** The first key entry of a PKCS#12 keystore whose store and key share {@code password}. */
    public static SSLContext fromPkcs12(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return serverContext(keys);
    }

    /** A new EC P-256 key and a self-signed certificate for {@code hostname}, valid for a year: for test targets. */
    public static SSLContext selfSigned(String hostname) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return context(pair.getPrivate(), new X509Certificate[] {selfSignedCertificate(pair, hostname)});
    }

    /**
     * A certificate for {@code hostname} (as CN and DNS name) signed by its own key, valid for a
     * year; throws {@link IllegalStateException} naming the jars if Bouncy Castle is missing.
     */
    public static X509Certificate selfSignedCertificate(KeyPair pair, String hostname) throws GeneralSecurityException {
        BouncyCastle.require("A self-signed certificate (TlsSettings.selfSigned(), tls-self-signed)");
        return SelfSignedCertificate.of(pair, hostname);
    }

    private static PrivateKey pkcs8Key(Path file) throws IOException, GeneralSecurityException {
        Matcher pem = PEM_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new GeneralSecurityException("No '-----BEGIN PRIVATE KEY-----' (PKCS#8) block in " + file);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // try the next
            }
        }
        throw new GeneralSecurityException("The key in " + file + " is neither RSA nor EC");
    }

    private static SSLContext context(PrivateKey key, X509Certificate[] chain) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry("server", key, NO_PASSWORD, (Certificate[]) chain);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, NO_PASSWORD);
        return serverContext(keys);
    }

    /**
     * A server context. Its trust manager takes any client certificate: one is asked for only
     * when the server is set to, and then it is recorded for the handler to judge, as Postfix's
     * {@code smtpd_tls_ask_ccert} does, rather than failing the handshake.
     */
    private static SSLContext serverContext(KeyManagerFactory keys) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new AnyClientCertificate()}, null);
        return context;
    }

    private static final class AnyClientCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // recorded, not judged: see serverContext
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server context does not check servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

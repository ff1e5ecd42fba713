package dev.inbound.smtp;

import dev.inbound.smtp.tls.KeyMaterial;
import dev.inbound.smtp.tls.ReloadingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Where a server's TLS keys come from. Files are read when the server starts and again, for
 * new connections, whenever they change on disk, so a renewed certificate needs no restart.
 *
 * <p>Embedders: TLS 1.2 lets a client renegotiate as often as it likes, a handshake's work
 * for the server each time. The {@code inbound} command turns that off JVM-wide with
 * {@code -Djdk.tls.rejectClientInitiatedRenegotiation=true}; set it yourself where the JVM is
 * yours, before the first TLS connection.
 *
 * <pre>{@code
 * SmtpServer.builder()
 *         .tls(TlsSettings.pem(Path.of("fullchain.pem"), Path.of("privkey.pem")))
 *         .port(587)              // STARTTLS
 *         .implicitTlsPort(465)   // SMTPS
 *         .build();
 * }</pre>
 */
public final class TlsSettings {
    private final ContextSource source;
    private final String description;

    @FunctionalInterface
    private interface ContextSource {
        Supplier<SSLContext> open(String hostname) throws IOException, GeneralSecurityException;
    }

    private TlsSettings(ContextSource source, String description) {
        this.source = source;
        this.description = description;
    }

    /** A PEM certificate chain (server certificate first) and a PEM PKCS#8 private key, RSA or EC. */
    public static TlsSettings pem(Path certificateChain, Path privateKey) {
        Objects.requireNonNull(certificateChain);
        Objects.requireNonNull(privateKey);
        return new TlsSettings(hostname -> new ReloadingContext(() -> KeyMaterial.fromPem(certificateChain, privateKey),
                List.of(certificateChain, privateKey)), "PEM " + certificateChain + " and " + privateKey);
    }

    /** A PKCS#12 keystore holding one key entry, store and key protected by {@code password}. */
    public static TlsSettings pkcs12(Path keyStore, String password) {
        Objects.requireNonNull(keyStore);
        char[] secret = password.toCharArray();
        return new TlsSettings(hostname -> new ReloadingContext(() -> KeyMaterial.fromPkcs12(keyStore, secret),
                List.of(keyStore)), "PKCS#12 " + keyStore);
    }

    /** A certificate made at start for the server's hostname and signed by itself: for test targets only. */
    public static TlsSettings selfSigned() {
        return new TlsSettings(hostname -> {
            SSLContext context = KeyMaterial.selfSigned(hostname);
            return () -> context;
        }, "a self-signed certificate");
    }

    /** Contexts from your own code, asked for one per new connection. */
    public static TlsSettings custom(Supplier<SSLContext> contexts) {
        Objects.requireNonNull(contexts);
        return new TlsSettings(hostname -> contexts, "custom SSLContext");
    }

    /**
     * Reads the key material; called once by {@link SmtpServer#start()}, which hands the
     * contexts to the transport.
     *
     * @throws UncheckedIOException or {@link IllegalStateException} when it cannot be read
     */
    Supplier<SSLContext> open(String hostname) {
        try {
            return source.open(hostname);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read TLS key material (" + description + "): " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bad TLS key material (" + description + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}

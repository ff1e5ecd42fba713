package dev.inbound.smtp.tls;

/**
 * Bouncy Castle is an optional dependency of the core: only a self-signed certificate and bcrypt
 * password hashes need it. Those check for it first, so a server without it fails at start with
 * the jars to add, not with a {@link NoClassDefFoundError} from deep inside.
 *
 * <pre>{@code
 * BouncyCastle.require("A self-signed certificate (tls-self-signed)");
 * }</pre>
 */
public final class BouncyCastle {
    /** One class from each jar used: bcpkix (certificates) and bcprov (bcrypt, ASN.1). */
    private static final String[] PROBES = {
        "org.bouncycastle.cert.X509v3CertificateBuilder", "org.bouncycastle.crypto.generators.OpenBSDBCrypt"};

    private BouncyCastle() {
    }

    /** Throws {@link IllegalStateException} naming the missing jars if Bouncy Castle cannot be loaded. */
    public static void require(String feature) {
        for (String probe : PROBES) {
            try {
                Class.forName(probe, false, BouncyCastle.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError missing) {
                throw new IllegalStateException(feature + " needs Bouncy Castle, which is not on the class path: add "
                        + "org.bouncycastle:bcpkix-jdk18on (it brings bcutil-jdk18on and bcprov-jdk18on); on the module "
                        + "path also --add-modules org.bouncycastle.pkix,org.bouncycastle.provider (" + missing + ")");
            }
        }
    }
}

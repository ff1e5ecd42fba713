package dev.inbound.smtp.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, as one password-file field group:
 * {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>}.
 *
 * <pre>{@code
 * String stored = Pbkdf2Hash.create("secret").toString();
 * boolean ok = PasswordHash.parse(stored).matches("secret");
 * }</pre>
 *
 * @param iterations PBKDF2 rounds
 * @param salt random salt
 * @param hash the derived key
 */
public record Pbkdf2Hash(int iterations, byte[] salt, byte[] hash) implements PasswordHash {
    public static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 210_000;
    /** Beyond this one check would hold a worker for many seconds: a file that asks for more is broken. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new hash of {@code password} with a fresh random salt. */
    public static Pbkdf2Hash create(String password) {
        return create(password, ITERATIONS);
    }

    static Pbkdf2Hash create(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new Pbkdf2Hash(iterations, salt, derive(password, salt, iterations));
    }

    /** Reads {@code pbkdf2-sha256:<iterations>:<salt>:<hash>}; throws IllegalArgumentException if it is not one. */
    static Pbkdf2Hash parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + ":<iterations>:<salt>:<hash> field");
        }
        int iterations = Integer.parseInt(parts[1]);
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be from 1 to " + MAX_ITERATIONS + ": " + iterations);
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new Pbkdf2Hash(iterations, base64.decode(parts[2]), base64.decode(parts[3]));
    }

    /** The comparison takes the same time wherever the hashes differ. */
    @Override
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }
}

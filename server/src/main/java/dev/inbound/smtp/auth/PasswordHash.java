package dev.inbound.smtp.auth;

/**
 * A stored password hash from a password file: PBKDF2 as {@code inbound passwd} writes it
 * ({@link Pbkdf2Hash}), or bcrypt as Apache's {@code htpasswd -B} and most tools write it
 * ({@link BcryptHash}).
 *
 * <pre>{@code
 * boolean ok = PasswordHash.parse("$2y$10$...").matches("secret");
 * }</pre>
 */
public sealed interface PasswordHash permits Pbkdf2Hash, BcryptHash {
    /** Whether {@code password} is the one hashed. */
    boolean matches(String password);

    /** Reads a hash in either form; throws IllegalArgumentException if it is neither, or asks for absurd work. */
    static PasswordHash parse(String text) {
        return text.startsWith("$2") ? BcryptHash.parse(text) : Pbkdf2Hash.parse(text);
    }
}

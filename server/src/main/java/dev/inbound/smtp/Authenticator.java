package dev.inbound.smtp;

import java.util.Optional;

/**
 * Checks the credentials a client gives with AUTH (RFC 4954). The server offers PLAIN and
 * LOGIN whenever an authenticator is set, and CRAM-MD5 only when {@link #offersSecrets()}:
 * CRAM-MD5 needs the plaintext secret on the server's side.
 *
 * <p>Called off the I/O threads, like the handler's hooks, so it may block (read a file, ask
 * a directory). An exception answers the client {@code 454 4.7.0}, a temporary failure that
 * does not count as a wrong password.
 *
 * <pre>{@code
 * Authenticator users = (session, username, password) ->
 *         directory.check(username, password) ? Optional.of(username) : Optional.empty();
 * SmtpServer server = SmtpServer.builder().authenticator(users).authRequired(true).build();
 * }</pre>
 *
 * @see PasswordFileAuthenticator
 */
@FunctionalInterface
public interface Authenticator {
    /**
     * The identity {@code username} proves with {@code password}, or empty when they do not
     * match (unknown user and wrong password alike). The identity is what
     * {@link Session#authenticatedUser()} returns afterwards; usually {@code username} itself.
     */
    Optional<String> authenticate(Session session, String username, String password) throws Exception;

    /** Whether {@link #secret} gives plaintext secrets, so that CRAM-MD5 can be offered. */
    default boolean offersSecrets() {
        return false;
    }

    /** The plaintext secret of {@code username}, or empty for an unknown user; only asked when {@link #offersSecrets()}. */
    default Optional<String> secret(String username) throws Exception {
        return Optional.empty();
    }
}

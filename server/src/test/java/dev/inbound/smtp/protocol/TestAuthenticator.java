package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Authenticator;
import dev.inbound.smtp.Session;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Users in memory: alice with s3cret; gives plaintext secrets, so CRAM-MD5 is offered, when asked to. */
public final class TestAuthenticator implements Authenticator {
    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret";
    private final Map<String, String> users = Map.of(USER, PASSWORD);
    private final boolean secrets;

    public TestAuthenticator(boolean secrets) {
        this.secrets = secrets;
    }

    @Override
    public Optional<String> authenticate(Session session, String username, String password) {
        return password.equals(users.get(username)) ? Optional.of(username) : Optional.empty();
    }

    @Override
    public boolean offersSecrets() {
        return secrets;
    }

    @Override
    public Optional<String> secret(String username) {
        return Optional.ofNullable(users.get(username));
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The PLAIN initial response for {@code user} and {@code password}, without authzid. */
    public static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }
}

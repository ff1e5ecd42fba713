package dev.inbound.smtp.auth;

import dev.inbound.smtp.tls.BouncyCastle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A bcrypt hash in the modular crypt form, {@code $2y$<cost>$<salt and hash>} (also
 * {@code $2a$} and {@code $2b$}), checked by Bouncy Castle, an optional dependency: without it
 * reading such a hash throws {@link IllegalStateException} naming the jars.
 *
 * <pre>{@code
 * boolean ok = BcryptHash.parse("$2y$10$...").matches("secret");
 * }</pre>
 *
 * @param encoded the hash as stored
 */
public record BcryptHash(String encoded) implements PasswordHash {
    private static final Pattern FORM = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    /** Each step doubles the work; cost 16 already takes seconds, and common files use 10 to 12. */
    static final int MAX_COST = 16;

    static BcryptHash parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("not a $2y$<cost>$<salt and hash> bcrypt field");
        }
        BouncyCastle.require("A bcrypt password hash");
        int cost = Integer.parseInt(form.group(1));
        if (cost < 4 || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be from 4 to " + MAX_COST + ": " + cost);
        }
        return new BcryptHash(text);
    }

    @Override
    public boolean matches(String password) {
        return OpenBSDBCrypt.checkPassword(encoded, password.toCharArray());
    }

    @Override
    public String toString() {
        return encoded;
    }
}

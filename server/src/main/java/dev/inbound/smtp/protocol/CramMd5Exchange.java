package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Authenticator;
import dev.inbound.smtp.Session;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CRAM-MD5 (RFC 2195): the server sends {@code <random.timestamp@hostname>}; the client
 * answers with its username and the hex HMAC-MD5 of the challenge keyed with its secret.
 */
final class CramMd5Exchange extends SaslExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] challenge;
    private boolean challenged;
    private String username;
    private String digest;

    CramMd5Exchange(String hostname) {
        String text = "<" + Long.toUnsignedString(RANDOM.nextLong()) + "." + System.currentTimeMillis()
                + "@" + hostname + ">";
        this.challenge = text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    String mechanism() {
        return CRAM_MD5;
    }

    @Override
    byte[] respond(byte[] response) throws MalformedResponse {
        if (!challenged) {
            if (response != null) {
                throw new MalformedResponse(); // the server speaks first: no initial response
            }
            challenged = true;
            return challenge.clone();
        }
        String text = utf8(response, 0, response.length);
        int space = text.lastIndexOf(' ');
        if (space <= 0) {
            throw new MalformedResponse();
        }
        username = text.substring(0, space);
        digest = text.substring(space + 1).toLowerCase(Locale.ROOT);
        if (digest.length() != 32 || !digest.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new MalformedResponse();
        }
        return null;
    }

    @Override
    Optional<String> verify(Authenticator authenticator, Session session) throws Exception {
        Optional<String> secret = authenticator.secret(username);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = hmacMd5Hex(secret.get(), challenge).getBytes(StandardCharsets.US_ASCII);
        boolean match = MessageDigest.isEqual(expected, digest.getBytes(StandardCharsets.US_ASCII));
        return match ? Optional.of(username) : Optional.empty();
    }

    static String hmacMd5Hex(String secret, byte[] challenge) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        return HexFormat.of().formatHex(mac.doFinal(challenge));
    }
}

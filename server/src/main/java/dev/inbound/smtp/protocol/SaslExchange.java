package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Authenticator;
import dev.inbound.smtp.Session;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server side of one SASL exchange (RFC 4954): takes the client's decoded responses and
 * gives challenges until it holds the credentials, which {@link #verify} then checks.
 */
abstract class SaslExchange {
    static final String PLAIN = "PLAIN";
    static final String LOGIN = "LOGIN";
    static final String CRAM_MD5 = "CRAM-MD5";

    /** A response that does not fit the mechanism; answered 501. */
    static final class MalformedResponse extends Exception {
        MalformedResponse() {
            super(null, null, false, false);
        }
    }

    /** The mechanisms offered with {@code authenticator}, in the order EHLO lists them. */
    static List<String> mechanisms(Authenticator authenticator) {
        List<String> names = new ArrayList<>(List.of(PLAIN, LOGIN));
        if (authenticator.offersSecrets()) {
            names.add(CRAM_MD5);
        }
        return names;
    }

    /** A new exchange for a mechanism from {@link #mechanisms}. */
    static SaslExchange start(String mechanism, String hostname) {
        switch (mechanism) {
            case PLAIN:
                return new PlainExchange();
            case LOGIN:
                return new LoginExchange();
            case CRAM_MD5:
                return new CramMd5Exchange(hostname);
            default:
                throw new IllegalArgumentException(mechanism);
        }
    }

    abstract String mechanism();

    /**
     * Takes the client's next response ({@code null} at the start when AUTH carried no initial
     * response) and returns the next challenge, or {@code null} once the credentials are complete.
     */
    abstract byte[] respond(byte[] response) throws MalformedResponse;

    /** The identity the credentials prove, or empty when they are wrong. */
    abstract Optional<String> verify(Authenticator authenticator, Session session) throws Exception;

    /** SASL strings are UTF-8 (RFC 4616, RFC 4954); anything else is malformed. */
    static String utf8(byte[] bytes, int offset, int length) throws MalformedResponse {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedResponse();
        }
    }

    /** PLAIN (RFC 4616): {@code authzid NUL authcid NUL passwd}. */
    private static final class PlainExchange extends SaslExchange {
        private String username;
        private String password;
        private boolean foreignAuthzid;

        @Override
        String mechanism() {
            return PLAIN;
        }

        @Override
        byte[] respond(byte[] response) throws MalformedResponse {
            if (response == null) {
                return new byte[0];
            }
            int first = indexOf(response, 0);
            int second = first < 0 ? -1 : indexOf(response, first + 1);
            if (second < 0 || indexOf(response, second + 1) >= 0) {
                throw new MalformedResponse();
            }
            String authzid = utf8(response, 0, first);
            username = utf8(response, first + 1, second - first - 1);
            password = utf8(response, second + 1, response.length - second - 1);
            // Acting for another user is not offered: only oneself, named or not.
            foreignAuthzid = !authzid.isEmpty() && !authzid.equals(username);
            return null;
        }

        @Override
        Optional<String> verify(Authenticator authenticator, Session session) throws Exception {
            if (foreignAuthzid) {
                return Optional.empty();
            }
            return authenticator.authenticate(session, username, password);
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** LOGIN (draft-murchison-sasl-login): a username prompt, then a password prompt. */
    private static final class LoginExchange extends SaslExchange {
        private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

        private String username;
        private String password;

        @Override
        String mechanism() {
            return LOGIN;
        }

        @Override
        byte[] respond(byte[] response) throws MalformedResponse {
            if (response == null) {
                return USERNAME;
            }
            if (username == null) {
                username = utf8(response, 0, response.length);
                return PASSWORD;
            }
            password = utf8(response, 0, response.length);
            return null;
        }

        @Override
        Optional<String> verify(Authenticator authenticator, Session session) throws Exception {
            return authenticator.authenticate(session, username, password);
        }
    }
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.codec.CommandLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's side of AUTH: the exchange under way, if any, and the failures so far.
 *
 * <p>While a challenge is outstanding, the conversation hands the next line here instead of
 * reading it as a command. From the second failure on, the {@code 535} goes out after
 * {@link #FAILURE_DELAY}, input held meanwhile, so guessing is slow without a worker thread
 * waiting; the third failure also closes the connection.
 */
final class Authentication {
    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    static final Duration FAILURE_DELAY = Duration.ofSeconds(1);
    static final int MAX_FAILURES = 3;
    /** RFC 4954 section 4: a response line may have 12288 octets. */
    static final int MAX_RESPONSE = 12288;

    private final AuthFailureTracker tracker;
    private SaslExchange pending;
    private int failures;

    Authentication(AuthFailureTracker tracker) {
        this.tracker = tracker;
    }

    boolean inProgress() {
        return pending != null;
    }

    boolean banned(Conversation c) {
        return tracker.banned(c.session().peer().getAddress());
    }

    /** Moves {@code exchange} on with {@code response}: a challenge goes out, or the credentials are checked. */
    void step(Conversation c, SaslExchange exchange, byte[] response) {
        byte[] challenge;
        try {
            challenge = exchange.respond(response);
        } catch (SaslExchange.MalformedResponse e) {
            c.out().reply(Replies.AUTH_MALFORMED);
            return;
        }
        if (challenge != null) {
            pending = exchange;
            c.out().sendRaw(Reply.of(334, Base64.getEncoder().encodeToString(challenge)));
            return;
        }
        finish(c, exchange);
    }

    /** The client's answer to the outstanding challenge. */
    void respond(Conversation c, CommandLine line) {
        SaslExchange exchange = pending;
        pending = null;
        if (line.defect() == CommandLine.LineDefect.TOO_LONG || line.length() > MAX_RESPONSE) {
            c.out().reply(Replies.AUTH_RESPONSE_TOO_LONG);
            return;
        }
        String text = new String(line.bytes(), StandardCharsets.ISO_8859_1);
        if (text.equals("*")) {
            c.out().reply(Replies.AUTH_ABORTED);
            return;
        }
        byte[] response = decode(text);
        if (response == null) {
            c.out().reply(Replies.AUTH_BAD_BASE64);
            return;
        }
        step(c, exchange, response);
    }

    /** Base64 as RFC 4954 uses it; {@code null} if {@code text} is not base64. */
    static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The credentials are complete. The authenticator may block (a slow password hash by
     * design, a directory lookup), so they are checked where that stalls no other session,
     * and answered in the session's order afterwards.
     */
    private void finish(Conversation c, SaslExchange exchange) {
        Verification verification = new Verification();
        c.offload(() -> verification.check(exchange, c), () -> conclude(c, exchange, verification));
    }

    /** What checking the credentials found, carried from where they were checked to the session. */
    private static final class Verification {
        private Optional<String> identity = Optional.empty();
        private boolean failed;

        void check(SaslExchange exchange, Conversation c) {
            try {
                identity = exchange.verify(c.listener().settings().authenticator(), c.session());
            } catch (Exception | Error e) { // an Error would otherwise end up in the worker pool, unseen
                LOG.warn("authenticator failed in session {}", c.session().id(), e);
                failed = true;
            }
        }
    }

    private void conclude(Conversation c, SaslExchange exchange, Verification verification) {
        if (verification.failed) {
            c.out().reply(Replies.AUTH_TEMPORARY_FAILURE);
            return;
        }
        Optional<String> identity = verification.identity;
        if (identity.isEmpty()) {
            failed(c, exchange.mechanism());
            return;
        }
        String user = identity.get();
        Reply refusal = c.hooks().call(handler -> handler.onAuth(c.session(), exchange.mechanism(), user), null);
        if (refusal != null && !refusal.isPositive()) {
            c.out().reply(refusal);
            return;
        }
        c.session().authenticated(user);
        LOG.info("authenticated as {} with {}", user, exchange.mechanism());
        c.out().reply(refusal != null ? refusal : Replies.AUTH_OK);
    }

    private void failed(Conversation c, String mechanism) {
        failures++;
        tracker.failed(c.session().peer().getAddress());
        c.listener().events().authFailed(mechanism);
        LOG.info("authentication with {} failed ({} in this session)", mechanism, failures);
        if (failures == 1) {
            c.out().reply(Replies.AUTH_FAILED);
        } else if (failures < MAX_FAILURES) {
            c.out().later(FAILURE_DELAY, () -> c.out().reply(Replies.AUTH_FAILED));
        } else {
            c.out().later(FAILURE_DELAY, () -> {
                c.out().reply(Replies.AUTH_FAILED);
                c.out().reply(Replies.TOO_MANY_AUTH_FAILURES);
            });
        }
    }

    /**
     * {@code text} fit for the log: an AUTH line without its initial response, however it is
     * spaced, and no line that could be a SASL response sent out of step (after a refused AUTH).
     */
    private static final Pattern AUTH_LINE = Pattern.compile("(?is)(AUTH\\s+\\S+)(\\s.*)?");
    private static final Pattern BASE64_WORD = Pattern.compile("[A-Za-z0-9+/]+=*");

    static String loggable(String text) {
        Matcher auth = AUTH_LINE.matcher(text);
        if (auth.matches()) {
            return auth.group(2) == null ? text : auth.group(1) + " ****";
        }
        return BASE64_WORD.matcher(text).matches() && !Replies.looksLikeVerb(text) ? "****" : text;
    }
}

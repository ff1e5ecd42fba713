package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Authenticator;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import java.util.Locale;

/** AUTH (RFC 4954): PLAIN, LOGIN and, when the authenticator has plaintext secrets, CRAM-MD5. */
final class AuthCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        Reply refusal = refusal(c);
        if (refusal != null) {
            c.out().reply(refusal);
            return;
        }
        String[] words = argument.split(" ", -1);
        if (argument.isEmpty() || words.length > 2) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!SaslExchange.mechanisms(c.listener().settings().authenticator()).contains(mechanism)) {
            c.out().reply(Replies.AUTH_UNKNOWN_MECHANISM);
            return;
        }
        byte[] initial = null;
        if (words.length == 2) {
            // RFC 4954: "=" is an initial response of no octets.
            initial = words[1].equals("=") ? new byte[0] : Authentication.decode(words[1]);
            if (initial == null) {
                c.out().reply(Replies.AUTH_BAD_BASE64);
                return;
            }
        }
        c.authentication().step(c, SaslExchange.start(mechanism, c.listener().settings().hostname()), initial);
    }

    private static Reply refusal(Conversation c) {
        Authenticator authenticator = c.listener().settings().authenticator();
        if (authenticator == null) {
            return Replies.AUTH_NOT_AVAILABLE;
        }
        if (!c.session().esmtp()) {
            return c.session().lmtp() ? Replies.SEND_LHLO_FIRST : Replies.AUTH_NEEDS_EHLO;
        }
        if (c.session().authenticatedUser().isPresent()) {
            return Replies.ALREADY_AUTHENTICATED;
        }
        if (c.transactions().current() != null) {
            return Replies.AUTH_IN_TRANSACTION;
        }
        if (!offeredNow(c)) {
            return Replies.AUTH_NEEDS_TLS;
        }
        if (c.authentication().banned(c)) {
            return Replies.AUTH_TEMPORARY_FAILURE;
        }
        return null;
    }

    /** Whether AUTH is on offer in this session as it stands. */
    static boolean offeredNow(Conversation c) {
        ServerSettings settings = c.listener().settings();
        return settings.authenticator() != null && (!settings.authRequireTls() || c.session().encrypted());
    }

    /** The EHLO keyword, or null when AUTH is not on offer. */
    static String keyword(Conversation c) {
        return offeredNow(c)
                ? "AUTH " + String.join(" ", SaslExchange.mechanisms(c.listener().settings().authenticator()))
                : null;
    }

    @Override
    public boolean offered(Conversation c) {
        return offeredNow(c);
    }

    @Override
    public String usage() {
        return "AUTH mechanism [initial-response]";
    }
}

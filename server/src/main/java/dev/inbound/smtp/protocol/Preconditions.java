package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;

/**
 * What several verbs need before they may run: a greeting, AUTH when the listener requires
 * it, an open transaction. Each answer is the refusal, or null when the command may go on.
 */
final class Preconditions {
    private Preconditions() {
    }

    /** Why a command that needs an open transaction cannot run now, or null if it can. */
    static Reply transactionMissing(Conversation c) {
        if (c.session().heloName() == null) {
            return greetingMissing(c);
        }
        Reply auth = authMissing(c);
        if (auth != null) {
            return auth;
        }
        return c.transactions().current() == null ? Replies.NEED_MAIL : null;
    }

    /** 503 before the client has greeted: asking for HELO, or LHLO in LMTP. */
    static Reply greetingMissing(Conversation c) {
        return c.session().lmtp() ? Replies.SEND_LHLO_FIRST : Replies.SEND_HELO_FIRST;
    }

    /** 530 while the listener requires AUTH and the client has not authenticated; null otherwise. */
    static Reply authMissing(Conversation c) {
        return c.listener().policy().authRequired() && c.session().authenticatedUser().isEmpty()
                ? Replies.AUTH_REQUIRED : null;
    }
}

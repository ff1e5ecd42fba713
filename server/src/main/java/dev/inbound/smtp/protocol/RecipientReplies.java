package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * LMTP's answer to a message (RFC 2033 4.2): one reply per accepted recipient, in the order
 * of RCPT, as {@link dev.inbound.smtp.Handler#deliver} gives them.
 */
final class RecipientReplies {
    private RecipientReplies() {
    }

    /** Asks the handler; its failure, or a list of the wrong length, is every recipient's 451. */
    static List<Reply> ask(Conversation c, Transaction message) {
        List<String> rcpts = message.rcptTos();
        List<Reply> given = c.hooks().guarded(handler -> counted(handler.deliver(c.session(), message), rcpts.size()),
                failure -> Collections.nCopies(rcpts.size(), failure));
        List<Reply> replies = new ArrayList<>(rcpts.size());
        for (int i = 0; i < rcpts.size(); i++) {
            Reply reply = given == null ? null : given.get(i);
            replies.add(reply != null ? reply
                    : Reply.of(250, "2.0.0", "<" + rcpts.get(i) + "> OK: queued as " + message.id()));
        }
        return replies;
    }

    private static List<Reply> counted(List<Reply> replies, int recipients) {
        if (replies != null && replies.size() != recipients) {
            throw new IllegalStateException("deliver gave " + replies.size() + " replies for " + recipients
                    + " recipients");
        }
        return replies;
    }
}

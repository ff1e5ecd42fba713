package dev.inbound.smtp.protocol;

import dev.inbound.smtp.MessageContent;
import dev.inbound.smtp.Reply;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message whose content is complete: refused as a whole when it broke a limit, else handed
 * to the handler. The answer is one reply in SMTP, and one per recipient in LMTP (RFC 2033
 * 4.2), a refusal of the whole message included. One log line per message (see {@link MessageLog}).
 */
final class MessageDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(MessageDelivery.class);

    private MessageDelivery() {
    }

    /** The content of the open transaction is complete, in {@code writer}: deliver it, answer, end the transaction. */
    static void deliver(Conversation c, ContentWriter writer) {
        Transaction message = c.transactions().current();
        List<Reply> replies = replies(c, message, writer);
        if (message.chunks == writer) {
            message.chunks = null;
        }
        c.transactions().reset();
        c.out().answerMessage(replies);
    }

    /** The replies to {@code message}, whose content {@code writer} holds; closes the writer. */
    private static List<Reply> replies(Conversation c, Transaction message, ContentWriter writer) {
        long start = System.nanoTime();
        List<Reply> replies;
        long handlerNanos = 0;
        try {
            Reply refusal = writer.tooBig() ? Replies.MESSAGE_TOO_BIG
                    : writer.lineTooLong() ? Replies.TEXT_LINE_TOO_LONG
                    : writer.rejectedForBareNewline() ? Replies.BARE_NEWLINE_IN_DATA
                    : null;
            if (refusal != null) {
                replies = forMessage(c, refusal, message);
            } else {
                long handed = System.nanoTime();
                replies = handOver(c, writer, message);
                handlerNanos = System.nanoTime() - handed;
            }
        } finally {
            writer.close();
        }
        c.listener().events().messageAnswered(c.listener().kind(), writer.size(), replies, handlerNanos);
        MessageLog.answered(c.session(), message, writer.size(), replies, System.nanoTime() - start);
        return replies;
    }

    private static List<Reply> forMessage(Conversation c, Reply reply, Transaction message) {
        return c.session().lmtp() ? Collections.nCopies(message.rcptTos().size(), reply) : List.of(reply);
    }

    private static List<Reply> handOver(Conversation c, ContentWriter writer, Transaction message) {
        MessageContent content;
        try {
            content = writer.finish();
        } catch (IOException e) {
            LOG.warn("spooling message {} failed", message.id(), e);
            return forMessage(c, Replies.SPOOL_FAILED, message);
        }
        message.content(content);
        return c.session().lmtp() ? RecipientReplies.ask(c, message)
                : List.of(c.hooks().call(handler -> handler.onData(c.session(), message),
                        Reply.of(250, "2.0.0", "OK: queued as " + message.id())));
    }
}

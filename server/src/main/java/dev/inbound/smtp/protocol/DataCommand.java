package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;

/** DATA: the message follows, up to {@code <CRLF>.<CRLF>}. */
final class DataCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.reply(Replies.syntax(usage()));
            return;
        }
        Reply missing = c.transactionMissing();
        if (missing != null) {
            c.reply(missing);
            return;
        }
        Transaction transaction = c.transaction();
        if (transaction.chunks != null) {
            c.reply(Replies.DATA_AFTER_BDAT);
            return;
        }
        if (transaction.rcptTos().isEmpty()) {
            c.reply(Replies.NEED_RCPT);
            return;
        }
        c.startData(c.newContentWriter());
    }

    @Override
    public String usage() {
        return "DATA";
    }
}

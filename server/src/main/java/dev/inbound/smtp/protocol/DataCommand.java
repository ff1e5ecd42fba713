package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;

/** DATA: the message follows, up to {@code <CRLF>.<CRLF>}. */
final class DataCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        Reply missing = Preconditions.transactionMissing(c);
        if (missing != null) {
            c.out().reply(missing);
            return;
        }
        Transaction transaction = c.transactions().current();
        if (transaction.chunks != null) {
            c.out().reply(Replies.DATA_AFTER_BDAT);
            return;
        }
        if (transaction.rcptTos().isEmpty()) {
            c.out().reply(Replies.NEED_RCPT);
            return;
        }
        c.startData(ContentWriter.forTransaction(c));
    }

    @Override
    public String usage() {
        return "DATA";
    }
}

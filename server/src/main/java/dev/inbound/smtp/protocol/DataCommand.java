package dev.inbound.smtp.protocol;

/** DATA: the message follows, up to {@code <CRLF>.<CRLF>}. */
final class DataCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.reply(Replies.syntax(usage()));
            return;
        }
        if (c.session().heloName() == null) {
            c.reply(Replies.SEND_HELO_FIRST);
            return;
        }
        Transaction transaction = c.transaction();
        if (transaction == null) {
            c.reply(Replies.NEED_MAIL);
            return;
        }
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

package dev.inbound.smtp.protocol;

/** EXPN: mailing lists are not disclosed. */
final class ExpnCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        c.out().reply(Replies.EXPN_NOT_IMPLEMENTED);
    }

    @Override
    public String usage() {
        return "EXPN <list>";
    }
}

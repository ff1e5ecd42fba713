package dev.inbound.smtp.protocol;

/** RSET: ends the transaction, keeps the session. */
final class RsetCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        c.transactions().reset();
        c.out().reply(c.hooks().call(handler -> handler.onRset(c.session()), Replies.OK));
    }

    @Override
    public String usage() {
        return "RSET";
    }
}

package dev.inbound.smtp.protocol;

/** QUIT: says goodbye and closes. */
final class QuitCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        c.out().reply(c.hooks().call(handler -> handler.onQuit(c.session()), Replies.BYE));
        c.out().close();
    }

    @Override
    public String usage() {
        return "QUIT";
    }
}

package dev.inbound.smtp.protocol;

/** QUIT: says goodbye and closes. */
final class QuitCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.reply(Replies.syntax(usage()));
            return;
        }
        c.reply(c.hook(() -> c.handler().onQuit(c.session()), Replies.BYE));
        c.close();
    }

    @Override
    public String usage() {
        return "QUIT";
    }
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;

/** HELO: plain SMTP, no extensions. */
final class HeloCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (argument.isEmpty()) {
            c.reply(Replies.syntax(usage()));
            return;
        }
        Reply reply = c.hook(() -> c.handler().onHelo(c.session(), argument), null);
        if (reply != null && !reply.isPositive()) {
            c.reply(reply);
            return;
        }
        c.resetTransaction();
        c.session().greeted(argument, false);
        c.sendRaw(reply != null ? reply.forSession(false) : Reply.of(250, c.settings().hostname()));
    }

    @Override
    public String usage() {
        return "HELO hostname";
    }
}

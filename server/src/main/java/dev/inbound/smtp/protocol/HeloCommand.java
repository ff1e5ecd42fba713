package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;

/** HELO: plain SMTP, no extensions. */
final class HeloCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        Reply reply = c.hooks().call(handler -> handler.onHelo(c.session(), argument), null);
        if (reply != null && !reply.isPositive()) {
            c.out().reply(reply);
            return;
        }
        c.transactions().reset();
        c.session().greeted(argument, false);
        c.out().sendRaw(reply != null ? reply.forSession(false) : Reply.of(250, c.listener().settings().hostname()));
    }

    @Override
    public String usage() {
        return "HELO hostname";
    }
}

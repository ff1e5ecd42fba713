package dev.inbound.smtp.protocol;

/** VRFY: by default 252, neither confirming nor denying a mailbox (RFC 5321 3.5.3). */
final class VrfyCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (Preconditions.authMissing(c) != null) {
            c.out().reply(Preconditions.authMissing(c));
            return;
        }
        if (argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        c.out().reply(c.hooks().call(handler -> handler.onVrfy(c.session(), argument), Replies.CANNOT_VRFY));
    }

    @Override
    public String usage() {
        return "VRFY <address>";
    }
}

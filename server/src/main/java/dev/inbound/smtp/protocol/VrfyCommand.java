package dev.inbound.smtp.protocol;

/** VRFY: by default 252, neither confirming nor denying a mailbox (RFC 5321 3.5.3). */
final class VrfyCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (c.authMissing() != null) {
            c.reply(c.authMissing());
            return;
        }
        if (argument.isEmpty()) {
            c.reply(Replies.syntax(usage()));
            return;
        }
        c.reply(c.hook(() -> c.handler().onVrfy(c.session(), argument), Replies.CANNOT_VRFY));
    }

    @Override
    public String usage() {
        return "VRFY <address>";
    }
}

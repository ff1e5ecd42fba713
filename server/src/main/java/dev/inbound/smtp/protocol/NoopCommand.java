package dev.inbound.smtp.protocol;

/** NOOP: does nothing; the argument is ignored (RFC 5321 4.1.1.9). */
final class NoopCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        c.out().reply(c.hooks().call(handler -> handler.onNoop(c.session(), argument), Replies.OK));
    }

    @Override
    public String usage() {
        return "NOOP [string]";
    }
}

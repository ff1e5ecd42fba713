package dev.inbound.smtp.protocol;

/**
 * STARTTLS (RFC 3207): 220, then a TLS handshake on the same connection. Once TLS is active a
 * second STARTTLS is refused, not nested.
 */
final class StartTlsCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        if (c.session().tlsActive()) {
            c.out().reply(Replies.TLS_ALREADY_ACTIVE);
            return;
        }
        if (!c.session().offersStartTls()) {
            c.out().reply(Replies.TLS_NOT_AVAILABLE);
            return;
        }
        c.transactions().reset();
        c.session().tlsStarted();
        c.out().startTls(Replies.READY_FOR_TLS);
    }

    @Override
    public boolean offered(Conversation c) {
        return c.session().offersStartTls();
    }

    @Override
    public String usage() {
        return "STARTTLS";
    }
}

package dev.inbound.smtp.protocol;

/**
 * STARTTLS (RFC 3207): 220, then a TLS handshake on the same connection. Once TLS is active a
 * second STARTTLS is refused, not nested.
 */
final class StartTlsCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.reply(Replies.syntax(usage()));
            return;
        }
        if (c.tlsActive()) {
            c.reply(Replies.TLS_ALREADY_ACTIVE);
            return;
        }
        if (!c.offersStartTls()) {
            c.reply(Replies.TLS_NOT_AVAILABLE);
            return;
        }
        c.resetTransaction();
        c.startTls();
    }

    @Override
    public boolean offered(Conversation c) {
        return c.offersStartTls();
    }

    @Override
    public String usage() {
        return "STARTTLS";
    }
}

package dev.inbound.smtp.protocol;

/**
 * HELO or EHLO sent to an LMTP listener: RFC 2033 4.1 makes LHLO the only greeting. A 500
 * that names LHLO tells a person who connected with an SMTP client what went wrong; it counts
 * as an error, not as an unknown command.
 */
final class SmtpGreetingInLmtp implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        c.out().reply(Replies.LMTP_NEEDS_LHLO);
    }

    @Override
    public String usage() {
        return "LHLO hostname";
    }

    @Override
    public boolean offered(Conversation c) {
        return false;
    }
}

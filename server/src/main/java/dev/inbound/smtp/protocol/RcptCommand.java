package dev.inbound.smtp.protocol;

import dev.inbound.smtp.DomainName;
import dev.inbound.smtp.Reply;
import java.util.List;
import java.util.Set;

/** RCPT TO: adds a recipient. No RCPT parameters are offered. */
final class RcptCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        Reply missing = Preconditions.transactionMissing(c);
        if (missing != null) {
            c.out().reply(missing);
            return;
        }
        Transaction transaction = c.transactions().current();
        if (transaction.chunks != null) {
            c.out().reply(Replies.RCPT_AFTER_BDAT);
            return;
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            c.out().reply(Replies.RCPT_SYNTAX);
            return;
        }
        PathParser.Path path;
        try {
            path = PathParser.parse(argument.substring(3));
        } catch (PathParser.SyntaxException e) {
            c.out().reply(Replies.RCPT_SYNTAX);
            return;
        }
        if (path == null || path.address().isEmpty()) {
            c.out().reply(Replies.BAD_RECIPIENT);
            return;
        }
        List<String> options = MailParameters.split(path.rest());
        if (options == null) {
            c.out().reply(Replies.RCPT_SYNTAX);
            return;
        }
        if (!options.isEmpty()) {
            c.out().reply(Replies.RCPT_PARAMETER_UNKNOWN);
            return;
        }
        if (!transaction.smtpUtf8() && !MailParameters.isAscii(path.address())) {
            c.out().reply(Replies.NON_ASCII_NEEDS_SMTPUTF8);
            return;
        }
        if (!domainAccepted(c, path.address())) {
            c.out().reply(Replies.RELAYING_DENIED);
            return;
        }
        if (transaction.rcptTos().size() >= c.listener().settings().maxRecipients()) {
            c.out().reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        Reply reply = c.hooks().call(handler -> handler.onRcpt(c.session(), transaction, path.address(), options),
                Replies.RECIPIENT_OK);
        if (reply.isPositive()) {
            transaction.addRecipient(path.address(), options);
        }
        c.out().reply(reply);
    }

    /**
     * The relay policy: with accept-domains set, an unauthenticated client may only send to
     * those domains, compared as {@link DomainName#canonical} does, and to postmaster.
     */
    private static boolean domainAccepted(Conversation c, String address) {
        Set<String> domains = c.listener().policy().acceptDomains();
        if (domains.isEmpty() || c.session().authenticatedUser().isPresent() || PathParser.isPostmaster(address)) {
            return true;
        }
        int at = address.lastIndexOf('@');
        return at >= 0 && domains.contains(DomainName.canonical(address.substring(at + 1)));
    }

    @Override
    public String usage() {
        return "RCPT TO:<address>";
    }
}

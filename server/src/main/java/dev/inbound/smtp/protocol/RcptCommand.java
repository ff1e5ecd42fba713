package dev.inbound.smtp.protocol;

import dev.inbound.smtp.DomainName;
import dev.inbound.smtp.Reply;
import java.util.List;
import java.util.Set;

/** RCPT TO: adds a recipient. No RCPT parameters are offered. */
final class RcptCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        Reply missing = c.transactionMissing();
        if (missing != null) {
            c.reply(missing);
            return;
        }
        Transaction transaction = c.transaction();
        if (transaction.chunks != null) {
            c.reply(Replies.RCPT_AFTER_BDAT);
            return;
        }
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            c.reply(Replies.RCPT_SYNTAX);
            return;
        }
        PathParser.Path path;
        try {
            path = PathParser.parse(argument.substring(3));
        } catch (PathParser.SyntaxException e) {
            c.reply(Replies.RCPT_SYNTAX);
            return;
        }
        if (path == null || path.address().isEmpty()) {
            c.reply(Replies.BAD_RECIPIENT);
            return;
        }
        List<String> options = MailParameters.split(path.rest());
        if (options == null) {
            c.reply(Replies.RCPT_SYNTAX);
            return;
        }
        if (!options.isEmpty()) {
            c.reply(Replies.RCPT_PARAMETER_UNKNOWN);
            return;
        }
        if (!transaction.smtpUtf8() && !MailParameters.isAscii(path.address())) {
            c.reply(Replies.NON_ASCII_NEEDS_SMTPUTF8);
            return;
        }
        if (!domainAccepted(c, path.address())) {
            c.reply(Replies.RELAYING_DENIED);
            return;
        }
        if (transaction.rcptTos().size() >= c.settings().maxRecipients()) {
            c.reply(Replies.TOO_MANY_RECIPIENTS);
            return;
        }
        Reply reply = c.hook(() -> c.handler().onRcpt(c.session(), transaction, path.address(), options),
                Replies.RECIPIENT_OK);
        if (reply.isPositive()) {
            transaction.addRecipient(path.address(), options);
        }
        c.reply(reply);
    }

    /**
     * The relay policy: with accept-domains set, an unauthenticated client may only send to
     * those domains, compared as {@link DomainName#canonical} does, and to postmaster.
     */
    private static boolean domainAccepted(Conversation c, String address) {
        Set<String> domains = c.policy().acceptDomains();
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

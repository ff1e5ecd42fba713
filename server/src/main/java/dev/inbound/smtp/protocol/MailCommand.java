package dev.inbound.smtp.protocol;

import dev.inbound.smtp.BodyType;
import dev.inbound.smtp.Reply;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** MAIL FROM: starts a transaction, with SIZE (RFC 1870), BODY (RFC 6152) and SMTPUTF8 (RFC 6531). */
final class MailCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (c.session().heloName() == null) {
            c.out().reply(Preconditions.greetingMissing(c));
            return;
        }
        if (Preconditions.authMissing(c) != null) {
            c.out().reply(Preconditions.authMissing(c));
            return;
        }
        if (c.transactions().current() != null) {
            c.out().reply(Replies.NESTED_MAIL);
            return;
        }
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            c.out().reply(Replies.MAIL_SYNTAX);
            return;
        }
        PathParser.Path path;
        try {
            path = PathParser.parse(argument.substring(5));
        } catch (PathParser.SyntaxException e) {
            c.out().reply(Replies.MAIL_SYNTAX);
            return;
        }
        if (path == null || PathParser.isPostmaster(path.address())) {
            c.out().reply(Replies.BAD_SENDER);
            return;
        }
        List<String> options = MailParameters.split(path.rest());
        if (options == null) {
            c.out().reply(Replies.BAD_PARAMETER);
            return;
        }
        if (!options.isEmpty() && !c.session().esmtp()) {
            c.out().reply(Replies.MAIL_PARAMETER_UNKNOWN);
            return;
        }
        boolean smtpUtf8 = false;
        BodyType body = BodyType.SEVEN_BIT;
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            String keyword = MailParameters.keyword(option);
            String value = MailParameters.value(option);
            if (!seen.add(keyword)) {
                c.out().reply(Replies.BAD_PARAMETER);
                return;
            }
            switch (keyword) {
                case "SIZE":
                    Reply sizeProblem = checkSize(c, value);
                    if (sizeProblem != null) {
                        c.out().reply(sizeProblem);
                        return;
                    }
                    break;
                case "BODY":
                    if ("8BITMIME".equalsIgnoreCase(value)) {
                        body = BodyType.EIGHT_BIT_MIME;
                    } else if (!"7BIT".equalsIgnoreCase(value)) {
                        c.out().reply(Reply.of(501, "5.5.4", "Error: BODY can only be one of 7BIT, 8BITMIME"));
                        return;
                    }
                    break;
                case "SMTPUTF8":
                    if (!c.listener().settings().smtpUtf8()) {
                        c.out().reply(Replies.MAIL_PARAMETER_UNKNOWN);
                        return;
                    }
                    if (value != null) {
                        c.out().reply(Reply.of(501, "5.5.4", "Error: SMTPUTF8 takes no value"));
                        return;
                    }
                    smtpUtf8 = true;
                    break;
                default:
                    c.out().reply(Replies.MAIL_PARAMETER_UNKNOWN);
                    return;
            }
        }
        if (!smtpUtf8 && !MailParameters.isAscii(path.address())) {
            c.out().reply(Replies.NON_ASCII_NEEDS_SMTPUTF8);
            return;
        }
        Transaction started = new Transaction(c.transactions().nextId(), path.address(), options, smtpUtf8, body);
        Reply reply = c.hooks().call(handler -> handler.onMail(c.session(), started, path.address(), options),
                Replies.SENDER_OK);
        if (reply.isPositive()) {
            c.transactions().begin(started);
        }
        c.out().reply(reply);
    }

    /** RFC 1870: {@code size-value ::= 1*20DIGIT}; a number past a long is past any limit. */
    private static Reply checkSize(Conversation c, String value) {
        if (value == null || value.isEmpty() || value.length() > 20
                || !value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Reply.of(501, "5.5.4", "Error: SIZE takes a number");
        }
        long max = c.listener().policy().maxMessageSize();
        boolean huge = value.replaceFirst("^0+", "").length() > 18;
        return max > 0 && (huge || Long.parseLong(value) > max) ? Replies.MESSAGE_TOO_BIG : null;
    }

    @Override
    public String usage() {
        return "MAIL FROM:<address> [SP <mail-parameters>]";
    }
}

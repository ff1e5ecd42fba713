package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerSettings;
import java.util.ArrayList;
import java.util.List;

/** EHLO: extended SMTP, answered with the list of extensions; {@link LhloCommand} in LMTP. */
class EhloCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        if (argument.isEmpty()) {
            c.out().reply(Replies.syntax(usage()));
            return;
        }
        Reply reply = c.hooks().call(handler -> handler.onEhlo(c.session(), argument), null);
        if (reply != null && !reply.isPositive()) {
            c.out().reply(reply);
            return;
        }
        c.transactions().reset();
        c.session().greeted(argument, true);
        // RFC 2034: the EHLO reply itself carries no enhanced status code.
        List<String> keywords = keywords(c);
        String auth = AuthCommand.keyword(c);
        if (auth != null) {
            keywords.add(keywords.size() - 1, auth);
        }
        c.out().sendRaw(Reply.multiline(250, null, keywords));
    }

    private static List<String> keywords(Conversation c) {
        ServerSettings settings = c.listener().settings();
        List<String> lines = new ArrayList<>();
        lines.add(settings.hostname());
        long maxMessageSize = c.listener().policy().maxMessageSize();
        lines.add(maxMessageSize > 0 ? "SIZE " + maxMessageSize : "SIZE");
        lines.add("8BITMIME");
        if (settings.smtpUtf8()) {
            lines.add("SMTPUTF8");
        }
        lines.add("PIPELINING");
        lines.add("CHUNKING");
        if (c.session().offersStartTls()) {
            lines.add("STARTTLS");
        }
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("HELP");
        return lines;
    }

    @Override
    public String usage() {
        return "EHLO hostname";
    }
}

package dev.inbound.smtp.protocol;

import java.util.Map;
import java.util.TreeMap;

/** The verbs the server knows. Commands keep no state, so one table serves every session. */
final class CommandTable {
    private static final Map<String, Command> SMTP = build(false);
    private static final Map<String, Command> LMTP = build(true);

    private CommandTable() {
    }

    /** The verbs of SMTP, or of LMTP (RFC 2033), where LHLO takes the place of HELO and EHLO. */
    static Map<String, Command> of(boolean lmtp) {
        return lmtp ? LMTP : SMTP;
    }

    private static Map<String, Command> build(boolean lmtp) {
        Map<String, Command> commands = new TreeMap<>();
        if (lmtp) {
            commands.put("LHLO", new LhloCommand());
            commands.put("HELO", new SmtpGreetingInLmtp());
            commands.put("EHLO", new SmtpGreetingInLmtp());
        } else {
            commands.put("HELO", new HeloCommand());
            commands.put("EHLO", new EhloCommand());
        }
        commands.put("AUTH", new AuthCommand());
        commands.put("MAIL", new MailCommand());
        commands.put("RCPT", new RcptCommand());
        commands.put("DATA", new DataCommand());
        commands.put("BDAT", new BdatCommand());
        commands.put("RSET", new RsetCommand());
        commands.put("NOOP", new NoopCommand());
        commands.put("VRFY", new VrfyCommand());
        commands.put("EXPN", new ExpnCommand());
        commands.put("HELP", new HelpCommand());
        commands.put("QUIT", new QuitCommand());
        commands.put("STARTTLS", new StartTlsCommand());
        return Map.copyOf(commands);
    }
}

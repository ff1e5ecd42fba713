package dev.inbound.smtp.protocol;

import java.util.Map;
import java.util.TreeMap;

/** The verbs the server knows. Commands keep no state, so one table serves every session. */
final class CommandTable {
    static final Map<String, Command> COMMANDS = build();

    private CommandTable() {
    }

    private static Map<String, Command> build() {
        Map<String, Command> commands = new TreeMap<>();
        commands.put("HELO", new HeloCommand());
        commands.put("EHLO", new EhloCommand());
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

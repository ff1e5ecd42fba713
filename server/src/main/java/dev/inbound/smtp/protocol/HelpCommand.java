package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import java.util.Locale;
import java.util.Map;

/** HELP: the verbs, or the syntax of one. */
final class HelpCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        String verbs = String.join(" ", c.listener().commands().entrySet().stream()
                .filter(command -> command.getValue().offered(c)).map(Map.Entry::getKey).sorted().toList());
        if (argument.isEmpty()) {
            c.out().reply(Reply.of(214, "2.0.0", "Supported commands: " + verbs));
            return;
        }
        Command topic = c.listener().commands().get(argument.toUpperCase(Locale.ROOT));
        if (topic == null) {
            c.out().reply(Reply.of(501, "5.5.4", "Unknown HELP topic; supported commands: " + verbs));
            return;
        }
        c.out().reply(Reply.of(214, "2.0.0", "Syntax: " + topic.usage()));
    }

    @Override
    public String usage() {
        return "HELP [command]";
    }
}

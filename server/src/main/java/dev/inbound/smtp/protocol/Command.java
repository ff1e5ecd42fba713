package dev.inbound.smtp.protocol;

/** One SMTP verb. */
interface Command {
    /** Runs the command; {@code argument} is the text after the verb, trimmed, possibly empty. */
    void execute(Conversation conversation, String argument);

    /** The usage line HELP gives for this verb. */
    String usage();

    /** Whether HELP lists this verb now; an extension not on offer is not listed. */
    default boolean offered(Conversation conversation) {
        return true;
    }
}

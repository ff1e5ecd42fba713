package dev.inbound.smtp.protocol;

import dev.inbound.smtp.ServerSettings;

/**
 * How much a session may go wrong before the server closes it, as Postfix's hard error limit
 * does: error replies of any kind, unknown verbs on a budget of their own (aiosmtpd's), and
 * commands that move no mail forward once past {@link #JUNK_LIMIT} of them. A delivered
 * message renews the error and junk allowances; the unknown-verb one is never renewed.
 */
final class ErrorBudget {
    /** Postfix's {@code smtpd_junk_command_limit}: a client cannot keep a session busy with NOOPs. */
    private static final int JUNK_LIMIT = 100;

    private final int maxErrors;
    private final int maxUnknownVerbs;
    private int errors;
    private int junkCommands;
    private int unknownVerbs;

    ErrorBudget(ServerSettings settings) {
        this.maxErrors = settings.maxErrors();
        this.maxUnknownVerbs = settings.maxUnknownCommands();
    }

    /** Counts an error reply; true when that was one too many. */
    boolean error() {
        return ++errors >= maxErrors;
    }

    /** Counts a command that moves no mail forward; true when it costs the last error. */
    boolean junk() {
        return ++junkCommands > JUNK_LIMIT && error();
    }

    /** Counts an unknown verb; true when that was one too many. */
    boolean unknownVerb() {
        return ++unknownVerbs >= maxUnknownVerbs;
    }

    void messageDelivered() {
        errors = 0;
        junkCommands = 0;
    }
}

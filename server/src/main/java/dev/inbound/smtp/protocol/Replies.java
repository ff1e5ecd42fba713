package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import java.util.Locale;
import java.util.regex.Pattern;

/** The server's own reply texts, in one place. */
final class Replies {
    private Replies() {
    }

    static final Reply OK = Reply.of(250, "2.0.0", "OK");
    static final Reply SENDER_OK = Reply.of(250, "2.1.0", "OK");
    static final Reply RECIPIENT_OK = Reply.of(250, "2.1.5", "OK");
    static final Reply START_DATA = Reply.of(354, "End data with <CR><LF>.<CR><LF>");
    static final Reply BYE = Reply.of(221, "2.0.0", "Bye");
    static final Reply CANNOT_VRFY = Reply.of(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");

    static final Reply COMMAND_TOO_LONG = Reply.of(500, "5.5.2", "Error: command line too long");
    static final Reply TEXT_LINE_TOO_LONG = Reply.of(500, "5.5.2", "Error: line too long (see RFC 5321 4.5.3.1.6)");
    static final Reply NUL_IN_COMMAND = Reply.of(501, "5.5.2", "Syntax error: NUL byte in command");
    static final Reply BARE_CR_IN_COMMAND = Reply.of(501, "5.5.2", "Syntax error: bare <CR> in command");
    static final Reply BARE_LF_IN_COMMAND = Reply.of(501, "5.5.2", "Syntax error: bare <LF> received");
    static final Reply INVALID_UTF8 = Reply.of(501, "5.5.2", "Syntax error: invalid UTF-8 in command");
    static final Reply EMPTY_COMMAND = Reply.of(500, "5.5.2", "Error: bad syntax");
    static final Reply EXPN_NOT_IMPLEMENTED = Reply.of(502, "5.5.1", "EXPN not implemented");

    static final Reply SEND_HELO_FIRST = Reply.of(503, "5.5.1", "Error: send HELO first");
    static final Reply SEND_LHLO_FIRST = Reply.of(503, "5.5.1", "Error: send LHLO first");
    static final Reply LMTP_NEEDS_LHLO = Reply.of(500, "5.5.1", "Error: this is an LMTP server, send LHLO");
    static final Reply NEED_MAIL = Reply.of(503, "5.5.1", "Error: need MAIL command");
    static final Reply NEED_RCPT = Reply.of(503, "5.5.1", "Error: need RCPT command");
    static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Error: nested MAIL command");
    static final Reply DATA_AFTER_BDAT = Reply.of(503, "5.5.1", "Error: DATA not allowed after BDAT");
    static final Reply RCPT_AFTER_BDAT = Reply.of(503, "5.5.1", "Error: RCPT not allowed after BDAT");
    static final Reply CHUNKING_NEEDS_EHLO = Reply.of(503, "5.5.1", "Error: BDAT needs EHLO");

    static final Reply MAIL_SYNTAX = Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address> [SP <mail-parameters>]");
    static final Reply RCPT_SYNTAX = Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address>");
    static final Reply BDAT_SYNTAX = Reply.of(501, "5.5.4", "Syntax: BDAT <chunk-size> [LAST]");
    static final Reply BAD_SENDER = Reply.of(553, "5.1.7", "Error: malformed sender address");
    static final Reply BAD_RECIPIENT = Reply.of(553, "5.1.3", "Error: malformed recipient address");
    static final Reply NON_ASCII_NEEDS_SMTPUTF8 = Reply.of(553, "5.6.7",
            "Error: non-ASCII address needs MAIL with SMTPUTF8");
    static final Reply MAIL_PARAMETER_UNKNOWN = Reply.of(555, "5.5.4",
            "MAIL FROM parameters not recognized or not implemented");
    static final Reply RCPT_PARAMETER_UNKNOWN = Reply.of(555, "5.5.4",
            "RCPT TO parameters not recognized or not implemented");
    static final Reply BAD_PARAMETER = Reply.of(501, "5.5.4", "Error: invalid MAIL parameter");
    static final Reply TOO_MANY_RECIPIENTS = Reply.of(452, "4.5.3", "Error: too many recipients");
    static final Reply MESSAGE_TOO_BIG = Reply.of(552, "5.3.4",
            "Error: message size exceeds fixed maximum message size");
    static final Reply BARE_NEWLINE_IN_DATA = Reply.of(550, "5.5.2", "Error: bare <CR> or <LF> received");

    static final Reply READY_FOR_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");
    static final Reply TLS_ALREADY_ACTIVE = Reply.of(503, "5.5.1", "Error: TLS already active");
    static final Reply TLS_NOT_AVAILABLE = Reply.of(454, "4.7.0", "TLS not available");
    static final Reply STARTTLS_FIRST = Reply.of(530, "5.7.0", "Must issue a STARTTLS command first");

    static final Reply HANDLER_FAILED = Reply.of(451, "4.3.0", "Error: internal server error, try again later");
    static final Reply SPOOL_FAILED = Reply.of(451, "4.3.0", "Error: could not store message, try again later");
    static final Reply TOO_MANY_ERRORS = Reply.of(421, "4.7.0", "Error: too many errors, closing connection");
    static final Reply TOO_MANY_UNKNOWN = Reply.of(421, "4.7.0",
            "Error: too many unrecognized commands, closing connection");
    static final Reply SHUTTING_DOWN = Reply.of(421, "4.3.2", "Service shutting down, closing connection");
    static final Reply TIMEOUT = Reply.of(421, "4.4.2", "Error: timeout exceeded, closing connection");
    static final Reply TOO_SLOW = Reply.of(421, "4.4.2", "Error: data arriving too slowly, closing connection");

    static final Reply AUTH_OK = Reply.of(235, "2.7.0", "Authentication successful");
    static final Reply AUTH_FAILED = Reply.of(535, "5.7.8", "Authentication credentials invalid");
    static final Reply AUTH_ABORTED = Reply.of(501, "5.7.0", "Authentication aborted");
    static final Reply AUTH_BAD_BASE64 = Reply.of(501, "5.5.2", "Error: cannot decode base64");
    static final Reply AUTH_MALFORMED = Reply.of(501, "5.5.2", "Error: malformed authentication response");
    static final Reply AUTH_RESPONSE_TOO_LONG = Reply.of(500, "5.5.6", "Error: authentication response too long");
    static final Reply AUTH_UNKNOWN_MECHANISM = Reply.of(504, "5.5.4", "Unrecognized authentication mechanism");
    static final Reply AUTH_NOT_AVAILABLE = Reply.of(502, "5.5.1", "Error: AUTH not available");
    static final Reply AUTH_NEEDS_EHLO = Reply.of(503, "5.5.1", "Error: send EHLO first");
    static final Reply ALREADY_AUTHENTICATED = Reply.of(503, "5.5.1", "Error: already authenticated");
    static final Reply AUTH_IN_TRANSACTION = Reply.of(503, "5.5.1", "Error: AUTH not allowed during a mail transaction");
    static final Reply AUTH_NEEDS_TLS = Reply.of(538, "5.7.11",
            "Encryption required for requested authentication mechanism");
    static final Reply AUTH_TEMPORARY_FAILURE = Reply.of(454, "4.7.0",
            "Temporary authentication failure, try again later");
    static final Reply TOO_MANY_AUTH_FAILURES = Reply.of(421, "4.7.0", "Too many authentication failures");
    static final Reply AUTH_REQUIRED = Reply.of(530, "5.7.0", "Authentication required");
    static final Reply RELAYING_DENIED = Reply.of(554, "5.7.1", "Relaying denied");

    private static final Pattern VERB = Pattern.compile("[A-Z]{1,12}|[a-z]{1,12}");
    private static final Reply UNKNOWN_COMMAND = Reply.of(500, "5.5.1", "Error: command not recognized");

    /**
     * Names the verb only when it looks like one: a client that fell out of step may be sending
     * base64 credentials, which must not come back in a reply, nor reach the log with it.
     */
    static Reply unknownCommand(String word) {
        return looksLikeVerb(word)
                ? Reply.of(500, "5.5.1", "Error: command \"" + word.toUpperCase(Locale.ROOT) + "\" not recognized")
                : UNKNOWN_COMMAND;
    }

    /** Letters in one case, as verbs are written; base64 mixes cases, digits and signs. */
    static boolean looksLikeVerb(String word) {
        return VERB.matcher(word).matches();
    }

    static Reply syntax(String usage) {
        return Reply.of(501, "5.5.4", "Syntax: " + usage);
    }

}

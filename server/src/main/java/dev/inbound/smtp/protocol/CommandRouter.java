package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.codec.CommandLine;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a command line to the command its verb names, or answers it: malformed lines, unknown
 * verbs, lines too long for their verb, commands that wait for TLS, and one junk command too
 * many each get their reply here, before any command runs.
 */
final class CommandRouter {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
    /** RFC 1870 and RFC 6531 let MAIL grow by the room their parameters take. */
    private static final int SIZE_ALLOWANCE = 26;
    private static final int SMTPUTF8_ALLOWANCE = 10;
    /** Commands that move no mail forward (see {@link ErrorBudget#junk()}). */
    private static final Set<String> JUNK = Set.of("NOOP", "RSET", "VRFY", "EXPN", "HELP", "HELO", "EHLO", "LHLO");
    /** What require-starttls lets through before TLS. */
    private static final Set<String> ALLOWED_BEFORE_TLS = Set.of("EHLO", "LHLO", "NOOP", "RSET", "STARTTLS", "QUIT");

    private CommandRouter() {
    }

    static void route(Conversation c, CommandLine line) {
        Reply framing = framingError(line);
        if (framing != null) {
            c.out().reply(framing);
            return;
        }
        String text = text(line.bytes());
        if (text == null) {
            c.out().reply(Replies.INVALID_UTF8);
            return;
        }
        if (LOG.isDebugEnabled()) { // masking AUTH lines costs regex work no one reads at INFO
            LOG.debug("< {}", Authentication.loggable(text));
        }
        int space = text.indexOf(' ');
        String word = space < 0 ? text : text.substring(0, space);
        String verb = word.toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        if (verb.isEmpty()) {
            c.out().reply(Replies.EMPTY_COMMAND);
            return;
        }
        if (line.length() > commandLimit(c, verb)) {
            c.out().reply(Replies.COMMAND_TOO_LONG);
            return;
        }
        Command command = c.listener().commands().get(verb);
        if (command == null) {
            unknown(c, word);
            return;
        }
        if (JUNK.contains(verb) && c.errorBudget().junk()) {
            c.out().reply(Replies.TOO_MANY_ERRORS);
            return;
        }
        if (c.listener().policy().requireStartTls() && !c.session().tlsActive()
                && !ALLOWED_BEFORE_TLS.contains(verb)) {
            c.out().reply(Replies.STARTTLS_FIRST);
            return;
        }
        command.execute(c, argument);
    }

    /** The line as text, or null when it is not UTF-8; an ASCII line, the usual one, is not run through a decoder. */
    private static String text(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Reply framingError(CommandLine line) {
        switch (line.defect()) {
            case TOO_LONG:
                return Replies.COMMAND_TOO_LONG;
            case NUL:
                return Replies.NUL_IN_COMMAND;
            case BARE_CR:
                return Replies.BARE_CR_IN_COMMAND;
            case BARE_LF:
                return Replies.BARE_LF_IN_COMMAND;
            default:
                return null;
        }
    }

    /** The octets a command line may have, given its verb and the session's extensions. */
    private static int commandLimit(Conversation c, String verb) {
        int limit = c.listener().settings().commandLineLimit();
        if (verb.equals("MAIL") && c.session().esmtp()) {
            limit += SIZE_ALLOWANCE + (c.listener().settings().smtpUtf8() ? SMTPUTF8_ALLOWANCE : 0);
        }
        return limit;
    }

    private static void unknown(Conversation c, String word) {
        if (c.errorBudget().unknownVerb()) {
            c.out().sendRaw(Replies.unknownCommand(word).forSession(c.session().esmtp()));
            c.out().reply(Replies.TOO_MANY_UNKNOWN);
            return;
        }
        c.out().reply(Replies.unknownCommand(word));
    }
}

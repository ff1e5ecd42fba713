package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Reply;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Turns what an upstream SMTP server answered, as Angus Mail reports it, into a {@link Reply} for our client. */
final class UpstreamReply {
    /** What the client hears when the upstream gave no SMTP answer at all: try again later. */
    static final Reply UNREACHABLE = Reply.of(451, "4.4.1", "Upstream server not reachable, try again later");

    private static final Pattern CODE = Pattern.compile("^\\d{3}(?:[ -]|$)");
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.\\d{1,3}\\.\\d{1,3}(?: +|$)");

    private UpstreamReply() {
    }

    /** A 250 carrying the upstream's text, such as its queue id; {@code response} may be null. */
    static Reply accepted(String response) {
        return parse(250, response, "OK");
    }

    /**
     * The first SMTP rejection in {@code failure}'s chain, with the upstream's code and text, or
     * {@link #UNREACHABLE} when the chain has none (refused connection, timeout, dropped line).
     */
    static Reply rejected(MessagingException failure) {
        Exception cause = failure;
        while (cause != null) {
            int code = returnCode(cause);
            if (code >= 400 && code <= 599) {
                return parse(code, cause.getMessage(), "Rejected by upstream server");
            }
            cause = cause instanceof MessagingException m ? m.getNextException() : null;
        }
        return UNREACHABLE;
    }

    private static int returnCode(Exception e) {
        // Angus gives these three a return code but no common type.
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPAddressFailedException a) {
            return a.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        return -1;
    }

    /**
     * {@code code} with the text of {@code response} (one line or several, each starting with a
     * code): the codes are stripped, and so is an enhanced status code, which is kept only when
     * its class matches {@code code}'s, since {@link Reply} refuses a mismatch.
     */
    static Reply parse(int code, String response, String fallbackText) {
        String enhanced = null;
        List<String> lines = new ArrayList<>();
        for (String line : (response == null ? "" : response).split("\r\n|\r|\n")) {
            String text = CODE.matcher(line).replaceFirst("");
            Matcher status = ENHANCED.matcher(text);
            if (status.find()) {
                if (lines.isEmpty() && status.group(1).charAt(0) == Character.forDigit(code / 100, 10)) {
                    enhanced = text.substring(0, status.end()).trim();
                }
                text = text.substring(status.end());
            }
            lines.add(text.strip());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            lines.add(fallbackText);
        }
        return Reply.multiline(code, enhanced, lines);
    }
}

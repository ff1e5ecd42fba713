package dev.inbound.smtp;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code, an optional RFC 3463 enhanced status code and one or
 * more lines of text.
 *
 * <p>Handlers return replies from their hooks; the server adds or strips the enhanced status
 * code as the session requires (after EHLO every reply carries one).
 *
 * <pre>{@code
 * return Reply.of(550, "5.1.1", "No such mailbox");
 * }</pre>
 */
public final class Reply {
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private final int code;
    private final String enhancedStatus;
    private final List<String> lines;

    private Reply(int code, String enhancedStatus, List<String> lines) {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code out of range: " + code);
        }
        if (enhancedStatus != null) {
            if (!ENHANCED.matcher(enhancedStatus).matches()
                    || enhancedStatus.charAt(0) != Character.forDigit(code / 100, 10)) {
                throw new IllegalArgumentException("Enhanced status " + enhancedStatus + " does not fit code " + code);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A reply needs at least one line");
        }
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Reply text must not contain CR or LF: " + line);
            }
        }
        this.code = code;
        this.enhancedStatus = enhancedStatus;
        this.lines = List.copyOf(lines);
    }

    /** A reply with the given code and text, without an enhanced status code. */
    public static Reply of(int code, String text) {
        return new Reply(code, null, List.of(text));
    }

    /** A reply with the given code, enhanced status code (such as {@code "2.0.0"}) and text. */
    public static Reply of(int code, String enhancedStatus, String text) {
        return new Reply(code, enhancedStatus, List.of(text));
    }

    /** A multi-line reply; every line is sent with the same code. */
    public static Reply multiline(int code, String enhancedStatus, List<String> lines) {
        return new Reply(code, enhancedStatus, lines);
    }

    public int code() {
        return code;
    }

    /** The RFC 3463 enhanced status code, or {@code null} if the reply has none. */
    public String enhancedStatus() {
        return enhancedStatus;
    }

    public List<String> lines() {
        return lines;
    }

    /** 2xx and 3xx: the command was accepted. */
    public boolean isPositive() {
        return code < 400;
    }

    /** 4xx: the client may try again later. */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** 5xx: the client must not try again unchanged. */
    public boolean isPermanent() {
        return code >= 500;
    }

    /**
     * This reply as sent in a session: with an enhanced status code when {@code enhanced}
     * (a default one, {@code x.0.0}, if the reply has none), without one otherwise or for 3xx.
     */
    public Reply forSession(boolean enhanced) {
        if (code / 100 == 3) {
            enhanced = false; // RFC 3463 status codes exist for success and failure, not for 3xx
        }
        if (enhanced && enhancedStatus == null) {
            return new Reply(code, (code / 100) + ".0.0", lines);
        }
        if (!enhanced && enhancedStatus != null) {
            return new Reply(code, null, lines);
        }
        return this;
    }

    /** The reply as it goes on the wire, lines ending in CRLF. */
    public String toWire() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (enhancedStatus != null) {
                out.append(enhancedStatus);
                if (!lines.get(i).isEmpty()) {
                    out.append(' ');
                }
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reply r && r.code == code && Objects.equals(r.enhancedStatus, enhancedStatus)
                && r.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, enhancedStatus, lines);
    }

    @Override
    public String toString() {
        return toWire().stripTrailing();
    }
}

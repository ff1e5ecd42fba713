package dev.inbound.maildir;

/**
 * The line ending of stored messages.
 *
 * <pre>{@code
 * MaildirSettings.builder(root).lineEnding(LineEnding.CRLF).build();
 * }</pre>
 */
public enum LineEnding {
    /** LF, as Postfix's local delivery and Dovecot write Maildir files (the default). */
    LF("\n"),
    /** CRLF, the bytes exactly as received. */
    CRLF("\r\n");

    private final String text;

    LineEnding(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** {@code lf} or {@code crlf}. */
    public static LineEnding parse(String value) {
        return switch (value) {
            case "lf" -> LF;
            case "crlf" -> CRLF;
            default -> throw new IllegalArgumentException("line-endings must be lf or crlf, not " + value);
        };
    }
}

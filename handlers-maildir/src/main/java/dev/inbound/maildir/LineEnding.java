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
}

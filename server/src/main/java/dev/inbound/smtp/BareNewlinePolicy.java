package dev.inbound.smtp;

/**
 * What happens to a bare CR or bare LF inside message content. Neither ever reaches a
 * handler, and neither ever ends the data: only {@code <CRLF>.<CRLF>} does.
 */
public enum BareNewlinePolicy {
    /** Keep the line and store it ending in CRLF, as Postfix 3.9 does by default. */
    NORMALIZE,
    /** Answer {@code 550 5.5.2} at the end of data and deliver nothing. */
    REJECT
}

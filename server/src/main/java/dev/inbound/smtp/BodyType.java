package dev.inbound.smtp;

/** The {@code BODY=} parameter of MAIL (RFC 6152). */
public enum BodyType {
    /** No BODY parameter, or {@code BODY=7BIT}. */
    SEVEN_BIT,
    /** {@code BODY=8BITMIME}. */
    EIGHT_BIT_MIME
}

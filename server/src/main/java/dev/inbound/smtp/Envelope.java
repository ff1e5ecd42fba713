package dev.inbound.smtp;

import java.util.List;

/**
 * The mail transaction as the server has accepted it so far: sender, recipients, their
 * parameters and, once data has arrived, the content.
 *
 * <pre>{@code
 * for (String rcpt : envelope.rcptTos()) { deliverTo(rcpt, envelope.content()); }
 * }</pre>
 */
public interface Envelope {
    /** The id the server gave this message, as logged and sent in the final 250 reply. */
    String id();

    /** The reverse-path without angle brackets; the empty string for the null path {@code <>}. */
    String mailFrom();

    /** The MAIL parameters as sent, such as {@code SIZE=1024} or {@code SMTPUTF8}. */
    List<String> mailOptions();

    /** The accepted recipients, in order, without angle brackets. */
    List<String> rcptTos();

    /** The parameters of each accepted recipient, in the order of {@link #rcptTos()}. */
    List<List<String>> rcptOptions();

    /** True when MAIL carried {@code SMTPUTF8} (RFC 6531). */
    boolean smtpUtf8();

    BodyType bodyType();

    /** The message, or {@code null} before the end of data. */
    MessageContent content();
}

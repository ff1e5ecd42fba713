package dev.inbound.smtp.protocol;

/**
 * LHLO (RFC 2033 4.1): the LMTP greeting. It is EHLO under another name, with the same
 * extensions and the same hook ({@code onEhlo}), as in Postfix and Dovecot.
 */
final class LhloCommand extends EhloCommand {
    @Override
    public String usage() {
        return "LHLO hostname";
    }
}

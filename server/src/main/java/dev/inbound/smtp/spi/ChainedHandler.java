package dev.inbound.smtp.spi;

import dev.inbound.smtp.Handler;

/**
 * A handler that answers otherwise when it follows others in a chain ({@code --handler a,b}):
 * what the handlers before it took must not be refused now. A store that refuses a message
 * too big for it with 552 must not do so once a Maildir has delivered the message, or the
 * client would send it again.
 *
 * <pre>{@code
 * Handler made = factory.create(options);
 * if (!chain.isEmpty() && made instanceof ChainedHandler chained) {
 *     made = chained.behindOthers();
 * }
 * }</pre>
 */
public interface ChainedHandler extends Handler {
    /** This handler as it acts behind others: never refusing what they took. */
    Handler behindOthers();
}

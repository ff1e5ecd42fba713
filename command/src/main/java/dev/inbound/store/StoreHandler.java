package dev.inbound.store;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.InputStream;
import java.util.Objects;

/**
 * Keeps each message in a bounded {@link MessageStore}, where the HTTP API (and tests) read it.
 *
 * <p>A message larger than the whole store gets {@code 552 5.3.4}: storing it would evict every
 * other message and still could not keep it, and a retry would fare no better. Put the store
 * before other handlers ({@code --handler store,maildir}) when that refusal must come before they
 * take the message.
 *
 * <pre>{@code
 * MessageStore store = new MessageStore();
 * SmtpServer server = SmtpServer.builder().handler(new StoreHandler(store)).build();
 * }</pre>
 */
public final class StoreHandler implements Handler {
    /** The most a byte array holds; with a store larger than that, a larger message cannot be kept either. */
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final MessageStore store;

    public StoreHandler(MessageStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /** Where the messages go. */
    public MessageStore store() {
        return store;
    }

    @Override
    public Reply onData(Session session, Envelope envelope) throws Exception {
        long size = envelope.content().size();
        long room = Math.min(store.maxBytes(), LARGEST_ARRAY);
        if (size > room) {
            return Reply.of(552, "5.3.4", "Message too big for the message store (" + room + " bytes)");
        }
        byte[] raw;
        try (InputStream in = envelope.content().openStream()) {
            raw = in.readAllBytes();
        }
        store.add(new MailEnvelope(envelope.mailFrom(), envelope.rcptTos(),
                session.peer() == null ? null : session.peer().getAddress().getHostAddress(), session.heloName(),
                session.tls().isPresent(), session.authenticatedUser().orElse(null)), raw);
        return null;
    }

    @Override
    public String toString() {
        return "StoreHandler[" + store.size() + " of " + store.maxMessages() + " messages]";
    }
}

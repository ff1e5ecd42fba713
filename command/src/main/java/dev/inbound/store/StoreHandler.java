package dev.inbound.store;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.spi.ChainedHandler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.InputStream;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each message in a bounded {@link MessageStore}, where the HTTP API (and tests) read it.
 *
 * <p>A message larger than the whole store gets {@code 552 5.3.4}: storing it would evict every
 * other message and still could not keep it, and a retry would fare no better. Behind other
 * handlers ({@link #behindOthers()}: {@code --handler maildir,store}, or the store {@code --http}
 * adds) it never refuses: the handlers before it have taken the message, and a refusal now would
 * make the client send it again or bounce what was delivered; it keeps only what fits.
 *
 * <pre>{@code
 * MessageStore store = new MessageStore();
 * SmtpServer server = SmtpServer.builder().handler(new StoreHandler(store)).build();
 * }</pre>
 */
public final class StoreHandler implements ChainedHandler {
    /** The most a byte array holds; with a store larger than that, a larger message cannot be kept either. */
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(StoreHandler.class);

    private final MessageStore store;
    private final boolean mayRefuse;

    public StoreHandler(MessageStore store) {
        this(store, true);
    }

    private StoreHandler(MessageStore store, boolean mayRefuse) {
        this.store = Objects.requireNonNull(store);
        this.mayRefuse = mayRefuse;
    }

    /** This store as a later handler of a chain: it keeps what fits and never refuses a message. */
    public StoreHandler behindOthers() {
        return new StoreHandler(store, false);
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
            if (!mayRefuse) {
                LOG.warn("message {} of {} bytes not kept: the store holds {} bytes", envelope.id(), size, room);
                return null;
            }
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

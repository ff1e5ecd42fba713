package dev.inbound.smtp;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The code that decides what happens to mail: one default method per SMTP event.
 *
 * <p>Each command hook returns a {@link Reply}, or {@code null} for the server's default. A
 * 2xx reply accepts and the server updates the envelope; a 4xx or 5xx reply rejects and
 * nothing changes. Hooks run one at a time per session, off the I/O threads unless the handler
 * says it {@linkplain #nonBlocking never blocks}, so a hook may block (write a file, call a broker).
 *
 * <p>A hook that throws gets the client a {@code 451 4.3.0} reply; the exception text never
 * goes on the wire. {@link #onException} may choose another reply.
 *
 * <pre>{@code
 * Handler handler = new Handler() {
 *     public Reply onData(Session session, Envelope envelope) throws Exception {
 *         try (InputStream in = envelope.content().openStream()) {
 *             store(envelope.rcptTos(), in);
 *         }
 *         return null; // 250 OK
 *     }
 * };
 * }</pre>
 *
 * <p>A 250 after the end of data tells the client the message is safe: a handler that
 * cannot be sure of that returns a 4xx reply, so the client keeps its copy.
 */
public interface Handler {

    /** A client connected; a non-2xx reply replaces the greeting and closes the connection. */
    default Reply onConnect(Session session) throws Exception {
        return null;
    }

    /**
     * The connection began with a PROXY protocol header from a trusted proxy; called before
     * {@link #onConnect}, with {@link Session#peer()} already the client's own address. A 4xx
     * or 5xx reply goes to the client instead of the greeting and closes the connection; any
     * other answer goes on to {@code onConnect}.
     */
    default Reply onProxy(Session session, ProxyInfo proxy) throws Exception {
        return null;
    }

    default Reply onHelo(Session session, String hostname) throws Exception {
        return null;
    }

    /** EHLO, and LHLO in an LMTP session ({@link Session#lmtp()}): LHLO is EHLO under another name. */
    default Reply onEhlo(Session session, String hostname) throws Exception {
        return null;
    }

    /**
     * AUTH succeeded: the {@link Authenticator} accepted the client as {@code identity} with
     * {@code mechanism} (such as {@code PLAIN}). A reply that is not positive turns the
     * success into that refusal, and the session stays unauthenticated.
     */
    default Reply onAuth(Session session, String mechanism, String identity) throws Exception {
        return null;
    }

    /** MAIL FROM; {@code address} is empty for the null reverse-path. */
    default Reply onMail(Session session, Envelope envelope, String address, List<String> options)
            throws Exception {
        return null;
    }

    default Reply onRcpt(Session session, Envelope envelope, String address, List<String> options)
            throws Exception {
        return null;
    }

    /** The whole message has arrived: {@code envelope.content()} holds it. */
    default Reply onData(Session session, Envelope envelope) throws Exception {
        return null;
    }

    /**
     * LMTP (RFC 2033): the whole message has arrived, and each recipient gets its own outcome.
     * Returns one reply per recipient of {@code envelope}, in the order of
     * {@link Envelope#rcptTos()}; a {@code null} element, or a {@code null} list, means
     * delivered. A list of another length counts as a failure of the handler: {@code 451
     * 4.3.0} for every recipient.
     *
     * <p>The default asks {@link #onData} once and gives its reply to every recipient, so a
     * handler written for SMTP serves LMTP unchanged.
     *
     * <pre>{@code
     * public List<Reply> deliver(Session session, Envelope envelope) throws Exception {
     *     List<Reply> replies = new ArrayList<>();
     *     for (String rcpt : envelope.rcptTos()) {
     *         if (!mailboxes.exists(rcpt)) {
     *             replies.add(Reply.of(550, "5.1.1", "<" + rcpt + "> User unknown"));
     *         } else if (mailboxes.store(rcpt, envelope.content())) {
     *             replies.add(null); // delivered
     *         } else {
     *             replies.add(Reply.of(452, "4.2.2", "<" + rcpt + "> Mailbox full, try again later"));
     *         }
     *     }
     *     return replies;
     * }
     * }</pre>
     */
    default List<Reply> deliver(Session session, Envelope envelope) throws Exception {
        return Collections.nCopies(envelope.rcptTos().size(), onData(session, envelope));
    }

    default Reply onRset(Session session) throws Exception {
        return null;
    }

    default Reply onNoop(Session session, String argument) throws Exception {
        return null;
    }

    default Reply onVrfy(Session session, String address) throws Exception {
        return null;
    }

    default Reply onQuit(Session session) throws Exception {
        return null;
    }

    /** The connection is gone, whoever closed it. */
    default void onDisconnect(Session session) throws Exception {
    }

    /**
     * Another hook threw {@code error}. The reply returned here goes to the client; the
     * default, {@code null}, sends {@code 451 4.3.0}.
     */
    default Reply onException(Session session, Exception error) {
        return null;
    }

    /**
     * Whether every hook returns at once, without waiting for a disk, a network, another
     * process or a lock held for long. The server then runs this handler's sessions on its I/O
     * threads, which saves two thread hand-offs per command: one from the I/O thread to a
     * worker, one back to write the reply. Reading {@code envelope.content()} counts as quick,
     * though a message above the spool threshold is read from a file; the server then also
     * writes that file on the I/O thread, so a spool directory on a slow or network disk is a
     * reason to leave this false.
     *
     * <p>The default, {@code false}, runs every hook on a worker thread, where it may block for
     * as long as it needs. A handler that answers {@code true} and then blocks stalls every
     * session that shares its I/O thread.
     */
    default boolean nonBlocking() {
        return false;
    }

    /**
     * Why this handler cannot take mail now, or empty when it can: what the server's readiness
     * ({@code GET /readyz}) reports. A handler whose mail goes somewhere (a disk, a broker)
     * checks that it is reachable. It is called from a health check's thread, at any time and
     * while sessions run, so it must be thread-safe and quick; the default is always ready.
     *
     * <pre>{@code
     * public Optional<String> notReady() {
     *     return Files.isWritable(spool) ? Optional.empty() : Optional.of(spool + " is not writable");
     * }
     * }</pre>
     */
    default Optional<String> notReady() {
        return Optional.empty();
    }
}

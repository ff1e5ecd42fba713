package dev.inbound.smtp.protocol;

/**
 * The session's mail transactions: the one open, from MAIL until its message is answered,
 * RSET, a new greeting or STARTTLS, and the count that numbers its messages' ids.
 */
final class Transactions {
    private final String sessionId;
    private int messages;
    private Transaction current;

    Transactions(String sessionId) {
        this.sessionId = sessionId;
    }

    /** The open transaction, or null between transactions. */
    Transaction current() {
        return current;
    }

    /** MAIL was accepted: {@code started} is the open transaction. */
    void begin(Transaction started) {
        current = started;
    }

    /** Ends the open transaction, if any, and frees what it holds. */
    void reset() {
        if (current != null) {
            current.discard();
            current = null;
        }
    }

    /** The id of the session's next message: the session id and the message's number in it. */
    String nextId() {
        return sessionId + "-" + ++messages;
    }
}

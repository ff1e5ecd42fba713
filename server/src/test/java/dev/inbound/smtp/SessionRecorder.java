package dev.inbound.smtp;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A handler that keeps the session of every client that says EHLO, for tests of what a handler sees. */
public final class SessionRecorder implements Handler {
    private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();

    @Override
    public Reply onEhlo(Session session, String hostname) {
        sessions.add(session);
        return null;
    }

    /** The next session to say EHLO; fails after {@code timeout}. */
    public Session next(Duration timeout) throws InterruptedException {
        Session session = sessions.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (session == null) {
            throw new AssertionError("no EHLO within " + timeout);
        }
        return session;
    }

    /** Whether no session said EHLO. */
    public boolean none() {
        return sessions.isEmpty();
    }
}

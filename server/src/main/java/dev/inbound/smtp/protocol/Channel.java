package dev.inbound.smtp.protocol;

import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.TlsInfo;
import java.time.Duration;
import java.util.Optional;

/** What the conversation needs from the connection under it. */
public interface Channel {
    /** Sends a reply; replies go out in the order they are sent. */
    void send(Reply reply);

    /** Closes the connection once what was sent has gone out. */
    void close();

    /** The bytes after the current command are DATA content. */
    void expectData();

    /** Whether STARTTLS can be offered: TLS is set up for this listener and not yet in use. */
    boolean canStartTls();

    /**
     * Sends {@code ready} in plaintext, then switches to TLS. Input received meanwhile is
     * dropped; {@link Conversation#plaintextEnded()} follows when TLS input begins.
     */
    void startTls(Reply ready);

    /** What the session negotiated with TLS, once it is encrypted. */
    Optional<TlsInfo> tls();

    /** What the connection's PROXY protocol header said, if it began with one. */
    Optional<ProxyInfo> proxy();

    /**
     * Holds the input after the current command, and after {@code delay} runs {@code then}
     * in the session's order of events, then reads the held input. No thread waits meanwhile.
     */
    void pause(Duration delay, Runnable then);

    /**
     * Holds the input after the current command, runs {@code blocking} where it may block (not
     * on an I/O thread), then runs {@code then} in the session's order of events and reads the
     * held input. For work such as checking a password, which must not stall the other
     * sessions of an I/O thread.
     */
    void offload(Runnable blocking, Runnable then);
}

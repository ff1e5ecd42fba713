package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import java.time.Duration;

/** What the conversation needs from the connection under it. */
public interface Channel {
    /** Sends a reply; replies go out in the order they are sent. */
    void send(Reply reply);

    /** Closes the connection once what was sent has gone out. */
    void close();

    /** The bytes after the current command are DATA content. */
    void expectData();

    /**
     * Holds the input after the current command, and after {@code delay} runs {@code then}
     * in the session's order of events, then reads the held input. No thread waits meanwhile.
     */
    void pause(Duration delay, Runnable then);
}

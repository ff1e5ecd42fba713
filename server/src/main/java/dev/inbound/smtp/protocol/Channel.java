package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;

/** What the conversation needs from the connection under it. */
public interface Channel {
    /** Sends a reply; replies go out in the order they are sent. */
    void send(Reply reply);

    /** Closes the connection once what was sent has gone out. */
    void close();

    /** The bytes after the current command are DATA content. */
    void expectData();
}

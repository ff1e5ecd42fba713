package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.codec.Content;

/** Where the content of DATA or of one BDAT chunk goes, and what the end of it leads to. */
interface ContentReceiver {
    void accept(Content piece);

    /** All of the content has arrived. */
    void finish(Conversation conversation);

    /** The connection closed before the end. */
    void abandon();

    /** DATA: the whole message, delivered at the end. */
    static ContentReceiver forData(ContentWriter writer) {
        return new ContentReceiver() {
            @Override
            public void accept(Content piece) {
                writer.write(piece.buffer(), piece.offset(), piece.length());
                if (piece.bareNewline()) {
                    writer.bareNewlineReceived();
                }
            }

            @Override
            public void finish(Conversation conversation) {
                MessageDelivery.deliver(conversation, writer);
            }

            @Override
            public void abandon() {
                writer.close();
            }
        };
    }

    /**
     * One accepted BDAT chunk: appended to the transaction's content, delivered after the
     * {@code LAST} chunk. The writer belongs to the transaction, which frees it.
     */
    static ContentReceiver forChunk(ContentWriter writer, long size, boolean last) {
        return new ContentReceiver() {
            @Override
            public void accept(Content piece) {
                writer.write(piece.buffer(), piece.offset(), piece.length());
            }

            @Override
            public void finish(Conversation conversation) {
                if (last) {
                    MessageDelivery.deliver(conversation, writer);
                } else if (writer.tooBig()) {
                    // No reason to take more chunks of a message that cannot be accepted.
                    conversation.transactions().reset();
                    conversation.out().reply(Replies.MESSAGE_TOO_BIG);
                } else {
                    conversation.out().reply(Reply.of(250, "2.0.0", size + " octets received"));
                }
            }

            @Override
            public void abandon() {
                // freed with the transaction
            }
        };
    }

    /** A refused BDAT chunk: read, dropped, and answered with {@code reply} at its end (RFC 3030). */
    static ContentReceiver refusing(Reply reply) {
        return new ContentReceiver() {
            @Override
            public void accept(Content piece) {
                // dropped
            }

            @Override
            public void finish(Conversation conversation) {
                conversation.out().reply(reply);
            }

            @Override
            public void abandon() {
                // nothing held
            }
        };
    }
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.codec.BdatLine;

/**
 * BDAT (RFC 3030 CHUNKING): a chunk of the message follows the command, its size given.
 * The input layer reads the chunk whatever the answer, so a refusal is sent after it.
 */
final class BdatCommand implements Command {
    @Override
    public void execute(Conversation c, String argument) {
        long size = c.currentLine().chunkSize();
        if (size < 0) {
            c.out().reply(Replies.BDAT_SYNTAX);
            return;
        }
        boolean last = BdatLine.isLast(c.currentLine().bytes());
        Reply refusal = refusal(c);
        if (refusal != null) {
            c.startChunk(ContentReceiver.refusing(refusal), size);
            return;
        }
        Transaction transaction = c.transactions().current();
        if (transaction.chunks == null) {
            transaction.chunks = ContentWriter.forTransaction(c);
        }
        c.startChunk(ContentReceiver.forChunk(transaction.chunks, size, last), size);
    }

    private static Reply refusal(Conversation c) {
        Reply missing = Preconditions.transactionMissing(c);
        if (missing != null) {
            return missing;
        }
        if (!c.session().esmtp()) {
            return Replies.CHUNKING_NEEDS_EHLO;
        }
        if (c.transactions().current().rcptTos().isEmpty()) {
            return Replies.NEED_RCPT;
        }
        return null;
    }

    @Override
    public String usage() {
        return "BDAT <chunk-size> [LAST]";
    }
}

package dev.inbound.smtp.protocol;

import dev.inbound.smtp.BareNewlinePolicy;
import dev.inbound.smtp.MessageContent;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.codec.LineEnds;
import dev.inbound.smtp.spool.Spool;
import java.io.IOException;

/**
 * Takes the content of one message (DATA or all its BDAT chunks) into a spool, making sure
 * no bare CR or LF gets through: each becomes CRLF. On the way it checks the text line
 * length, the message size and the bare-newline policy, and stops storing once one fails,
 * while the rest of the content is still read and dropped.
 */
final class ContentWriter implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Spool spool;
    private final long maxSize;
    private final int maxLineOctets;
    private final BareNewlinePolicy policy;
    private long received;
    private int lineLength;
    private boolean pendingCr;
    private boolean tooBig;
    private boolean lineTooLong;
    private boolean bareNewline;
    private IOException spoolFailure;

    ContentWriter(Spool spool, long maxSize, int textLineLimit, BareNewlinePolicy policy) {
        this.spool = spool;
        this.maxSize = maxSize;
        this.maxLineOctets = textLineLimit - 2;
        this.policy = policy;
    }

    /**
     * A writer for the content of {@code c}'s open transaction, under its listener's size
     * limit, the Received header in place when the server adds one.
     */
    static ContentWriter forTransaction(Conversation c) {
        ServerSettings settings = c.listener().settings();
        ContentWriter writer = new ContentWriter(new Spool(settings.spoolThreshold(), settings.spoolDirectory()),
                c.listener().policy().maxMessageSize(), settings.textLineLimit(), settings.bareNewline());
        if (settings.receivedHeader()) {
            SessionState session = c.session();
            Transaction transaction = c.transactions().current();
            String protocol = ReceivedHeader.protocol(session, transaction.smtpUtf8(), session.tlsActive());
            writer.prepend(ReceivedHeader.build(session.heloName(), session.peer(), settings.hostname(), protocol,
                    transaction.id(), transaction.rcptTos()));
        }
        return writer;
    }

    /** Bytes the server adds in front (the Received header); they do not count toward the size limit. */
    void prepend(byte[] header) {
        store(header, 0, header.length);
    }

    void write(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int runStart = offset;
        int i = offset;
        while (i < end) {
            if (pendingCr) {
                pendingCr = false;
                if (bytes[i] == '\n') {
                    // the CR before was half of a proper CRLF, held back in case this split a chunk
                    runStart = ++i;
                    lineEnd();
                    continue;
                }
                bare();
            }
            int lineEndAt = LineEnds.next(bytes, i, end);
            lineLength += lineEndAt - i;
            if (lineLength > maxLineOctets) {
                lineTooLong = true;
            }
            if (lineEndAt == end) {
                break;
            }
            count(bytes, runStart, lineEndAt - runStart);
            if (bytes[lineEndAt] == '\r') {
                pendingCr = true;
            } else {
                bare();
            }
            runStart = lineEndAt + 1;
            i = runStart;
        }
        count(bytes, runStart, end - runStart);
    }

    /** The client sent a bare CR or LF that the bytes given to {@link #write} no longer show. */
    void bareNewlineReceived() {
        bareNewline = true;
    }

    /** Ends the content; the result is the reply-deciding state, and the content if all went well. */
    MessageContent finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            bare();
        }
        if (spoolFailure != null) {
            throw spoolFailure;
        }
        return spool.finish();
    }

    /** Octets of content received so far, after unstuffing and line-end repair. */
    long size() {
        return received;
    }

    boolean tooBig() {
        return tooBig;
    }

    boolean lineTooLong() {
        return lineTooLong;
    }

    boolean rejectedForBareNewline() {
        return bareNewline && policy == BareNewlinePolicy.REJECT;
    }

    private void bare() {
        bareNewline = true;
        lineEnd();
    }

    private void lineEnd() {
        count(CRLF, 0, 2);
        lineLength = 0;
    }

    private void count(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        received += length;
        if (maxSize > 0 && received > maxSize) {
            tooBig = true;
        }
        store(bytes, offset, length);
    }

    private void store(byte[] bytes, int offset, int length) {
        if (failed() || spoolFailure != null) {
            return;
        }
        try {
            spool.write(bytes, offset, length);
        } catch (IOException e) {
            spoolFailure = e;
        }
    }

    private boolean failed() {
        return tooBig || lineTooLong || rejectedForBareNewline();
    }

    @Override
    public void close() {
        spool.close();
    }
}

package dev.inbound.maildir;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes CRLF as LF, the line ending of Maildir files that Postfix's local delivery and
 * Dovecot write and that mutt and Python's {@code mailbox} expect. A CR not followed by LF
 * is kept as it is (the server never hands one over, but the file must not lose a byte).
 */
final class LfOutputStream extends FilterOutputStream {
    private boolean pendingCr;

    LfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr && b != '\n') {
            out.write('\r');
        }
        pendingCr = b == '\r';
        if (!pendingCr) {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\r' || pendingCr) {
                if (i > start) {
                    out.write(b, start, i - start);
                }
                write(b[i]);
                start = i + 1;
            }
        }
        if (end > start) {
            out.write(b, start, end - start);
        }
    }

    @Override
    public void flush() throws IOException {
        // A CR held back at a flush is still held: the next byte decides whether it is written.
        out.flush();
    }

    /** Writes a CR held back at the very end; the underlying stream stays open. */
    void finish() throws IOException {
        if (pendingCr) {
            out.write('\r');
            pendingCr = false;
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        super.close();
    }
}

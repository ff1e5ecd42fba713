package dev.inbound.smtp.codec;

import dev.inbound.smtp.codec.CommandLine.LineDefect;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns one session's bytes into command lines and content, whatever the bytes' arrival
 * pattern: a whole session in one read or a byte per read.
 *
 * <p>Only CRLF ends a line, and only {@code <CRLF>.<CRLF>} ends DATA: a bare CR or LF, or
 * the smuggling sequences built from them ({@code \n.\n}, {@code \r.\r\n}, ...), stay
 * content. That is the defence against SMTP smuggling (CVE-2023-51764, CVE-2024-27305).
 * A bare LF does end a command line, so that a client that sends one gets an answer
 * (the line is marked {@link LineDefect#BARE_LF} and refused).
 *
 * <p>A {@code BDAT n} line switches to reading n octets by itself, because the chunk follows
 * whether or not the command is accepted (RFC 3030). DATA content is read only after the
 * protocol has accepted DATA and called {@link #expectData()}.
 *
 * <p>Not thread-safe: one instance per session, used by one thread at a time.
 */
public final class SmtpInput {
    private static final int CHUNK_BUFFER = 8192;

    private enum Mode { COMMAND, DATA, CHUNK, DISCARD }

    // DATA states: where in the current line the last byte left us.
    private static final int LINE_START = 0;
    private static final int IN_LINE = 1;
    private static final int AFTER_CR = 2;
    private static final int AFTER_DOT = 3;
    private static final int AFTER_DOT_CR = 4;
    private static final int AFTER_BARE_NEWLINE = 5;

    private final int lineCap;
    /** Where content is handed out from; made at the first DATA or BDAT, as most sessions of a short connection never need it. */
    private byte[] out;
    private byte[] line = new byte[256];
    private int lineLength;
    /** The current line was too long and has been answered; its bytes are dropped up to its LF. */
    private boolean skippingLine;
    private Mode mode = Mode.COMMAND;
    private int dataState;
    private boolean bareNewline;
    private long chunkRemaining;
    /** Bytes kept unread while the protocol waits before answering; null when not holding. */
    private byte[] held;
    private int heldLength;
    private int heldCap;
    private boolean heldOverflow;

    /** @param lineCap the longest command line kept; longer ones are marked {@link LineDefect#TOO_LONG} */
    public SmtpInput(int lineCap) {
        this.lineCap = lineCap;
    }

    /** Read what follows the current position as DATA content, up to {@code <CRLF>.<CRLF>}. */
    public void expectData() {
        mode = Mode.DATA;
        dataState = LINE_START;
        contentBuffer();
    }

    private void contentBuffer() {
        if (out == null) {
            out = new byte[CHUNK_BUFFER];
        }
    }

    /**
     * Keep what arrives from now on, unread, until {@link #release()}: up to {@code cap}
     * octets, the rest dropped.
     */
    public void hold(int cap) {
        held = new byte[Math.min(cap, 1024)];
        heldLength = 0;
        heldCap = cap;
        heldOverflow = false;
    }

    /** Ends {@link #hold}: the bytes kept, to be read now; null if more than the cap arrived. */
    public ByteBuffer release() {
        ByteBuffer kept = heldOverflow ? null : ByteBuffer.wrap(held, 0, heldLength);
        held = null;
        return kept;
    }

    /** Drop everything received from now on: the session is closing, or switching to TLS. */
    public void discardInput() {
        mode = Mode.DISCARD;
    }

    /** Read command lines again, from a clean slate: the session has switched to TLS. */
    public void startAfresh() {
        mode = Mode.COMMAND;
        lineLength = 0;
        skippingLine = false;
    }

    /**
     * Consumes bytes from {@code in} until one event is complete, and returns it; returns
     * {@code null} when {@code in} runs out first. Each call consumes at least one byte or
     * returns an event.
     */
    public InputEvent next(ByteBuffer in) {
        if (held != null && mode != Mode.DISCARD) {
            keep(in);
            return null;
        }
        switch (mode) {
            case COMMAND:
                return nextLine(in);
            case DATA:
                return nextData(in);
            case CHUNK:
                return nextChunk(in);
            default:
                in.position(in.limit());
                return null;
        }
    }

    private void keep(ByteBuffer in) {
        int n = Math.min(in.remaining(), heldCap - heldLength);
        if (heldLength + n > held.length) {
            held = Arrays.copyOf(held, Math.min(heldCap, Math.max(heldLength + n, held.length * 2)));
        }
        in.get(held, heldLength, n);
        heldLength += n;
        if (in.hasRemaining()) {
            heldOverflow = true;
            in.position(in.limit());
        }
    }

    private InputEvent nextLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (skippingLine) {
                skippingLine = b != '\n';
                continue;
            }
            if (b == '\n') {
                return finishLine();
            }
            if (lineLength == lineCap) {
                // Answer now rather than at a LF that may never come, and drop the rest of the line.
                skippingLine = true;
                lineLength = 0;
                return new CommandLine(new byte[0], lineCap + 1, LineDefect.TOO_LONG, -1);
            }
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, Math.min(lineCap, line.length * 2));
            }
            line[lineLength++] = b;
        }
        return null;
    }

    private CommandLine finishLine() {
        int length = lineLength;
        boolean crlf = length > 0 && line[length - 1] == '\r';
        if (crlf) {
            length--;
        }
        byte[] bytes = Arrays.copyOf(line, length);
        LineDefect defect = defectOf(bytes, crlf);
        lineLength = 0;
        long chunkSize = defect == LineDefect.NONE ? BdatLine.chunkSize(bytes) : -1;
        if (chunkSize > 0) {
            mode = Mode.CHUNK;
            chunkRemaining = chunkSize;
            contentBuffer();
        }
        return new CommandLine(bytes, length, defect, chunkSize);
    }

    private static LineDefect defectOf(byte[] bytes, boolean crlf) {
        LineDefect defect = crlf ? LineDefect.NONE : LineDefect.BARE_LF;
        for (byte b : bytes) {
            if (b == 0) {
                return LineDefect.NUL;
            }
            if (b == '\r') {
                defect = LineDefect.BARE_CR;
            }
        }
        return defect;
    }

    private InputEvent nextChunk(ByteBuffer in) {
        int n = (int) Math.min(Math.min(chunkRemaining, in.remaining()), out.length);
        if (n == 0) {
            return null;
        }
        in.get(out, 0, n);
        chunkRemaining -= n;
        boolean end = chunkRemaining == 0;
        if (end) {
            mode = Mode.COMMAND;
        }
        return new Content(out, 0, n, end, false);
    }

    private InputEvent nextData(ByteBuffer in) {
        bareNewline = false;
        int n = 0;
        while (in.hasRemaining() && n <= out.length - 2) {
            if (dataState == IN_LINE && in.hasArray()) {
                // The bulk of content: copy the rest of the line as it is, up to its CR or LF.
                int from = in.arrayOffset() + in.position();
                int run = LineEnds.next(in.array(), from, from + Math.min(in.remaining(), out.length - 2 - n)) - from;
                if (run > 0) {
                    in.get(out, n, run);
                    n += run;
                    continue;
                }
            }
            byte b = in.get();
            switch (dataState) {
                case LINE_START:
                case AFTER_BARE_NEWLINE:
                    if (b == '.') {
                        // Stuffing (RFC 5321 4.5.2); only after a real CRLF may it begin the end of data.
                        dataState = dataState == LINE_START ? AFTER_DOT : IN_LINE;
                    } else {
                        n += inLine(b, n);
                    }
                    break;
                case IN_LINE:
                    n += inLine(b, n);
                    break;
                case AFTER_CR:
                    out[n++] = '\r';
                    if (b == '\n') {
                        out[n++] = '\n';
                        dataState = LINE_START;
                    } else {
                        n += afterBareCr(b, n);
                    }
                    break;
                case AFTER_DOT:
                    if (b == '\r') {
                        dataState = AFTER_DOT_CR;
                    } else {
                        n += inLine(b, n);
                    }
                    break;
                default: // AFTER_DOT_CR
                    if (b == '\n') {
                        mode = Mode.COMMAND;
                        dataState = LINE_START;
                        return new Content(out, 0, n, true, bareNewline);
                    }
                    out[n++] = '\r';
                    n += afterBareCr(b, n);
                    break;
            }
        }
        return n == 0 ? null : new Content(out, 0, n, false, bareNewline);
    }

    /** A byte inside a line; a CR is held back until the next byte shows whether it starts CRLF. Returns bytes written. */
    private int inLine(byte b, int n) {
        if (b == '\r') {
            dataState = AFTER_CR;
            return 0;
        }
        out[n] = b;
        if (b == '\n') {
            bareNewline = true;
            dataState = AFTER_BARE_NEWLINE;
        } else {
            dataState = IN_LINE;
        }
        return 1;
    }

    /**
     * The byte after a bare CR, which is already written. A bare CR or LF is stored as a line
     * end, so a dot after one is dropped as stuffing, as Postfix does: no line holding only a
     * dot reaches stored content by way of a bare newline. Returns bytes written.
     */
    private int afterBareCr(byte b, int n) {
        bareNewline = true;
        if (b == '.') {
            dataState = IN_LINE;
            return 0;
        }
        return inLine(b, n);
    }
}

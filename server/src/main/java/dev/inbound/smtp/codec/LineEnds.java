package dev.inbound.smtp.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF in a byte array eight bytes at a time. Message content is mostly
 * line text, and this is the loop that every octet of it goes through, twice: once to find the
 * end of data, once to check line lengths and repair bare line ends.
 */
public final class LineEnds {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CRS = ONES * '\r';
    private static final long LFS = ONES * '\n';

    private LineEnds() {
    }

    /** The index of the first CR or LF in {@code bytes[from, to)}, or {@code to} if there is none. */
    public static int next(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long cr = word ^ CRS;
            long lf = word ^ LFS;
            // A byte of cr or lf is zero where the word holds a CR or an LF; the lowest flagged
            // byte is always a true one (borrows only ever flag bytes above it).
            long found = ((cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                return i;
            }
        }
        return to;
    }
}

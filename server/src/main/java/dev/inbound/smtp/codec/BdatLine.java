package dev.inbound.smtp.codec;

/** Recognises {@code BDAT <size> [LAST]} (RFC 3030) so that the chunk after it is read as data. */
public final class BdatLine {
    private static final int MAX_DIGITS = 18;

    private BdatLine() {
    }

    /** The chunk size of a well-formed BDAT line, or -1 if {@code line} is not one. */
    public static long chunkSize(byte[] line) {
        if (line.length < 6 || !matchesIgnoreCase(line, 0, "BDAT ")) {
            return -1;
        }
        int i = 5;
        int start = i;
        long size = 0;
        while (i < line.length && line[i] >= '0' && line[i] <= '9') {
            size = size * 10 + (line[i] - '0');
            i++;
        }
        int digits = i - start;
        if (digits == 0 || digits > MAX_DIGITS) {
            return -1;
        }
        if (i == line.length) {
            return size;
        }
        if (line.length - i == 5 && matchesIgnoreCase(line, i, " LAST")) {
            return size;
        }
        return -1;
    }

    /** True when a well-formed BDAT line carries {@code LAST}. */
    public static boolean isLast(byte[] line) {
        return line.length >= 5 && matchesIgnoreCase(line, line.length - 5, " LAST");
    }

    private static boolean matchesIgnoreCase(byte[] line, int offset, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            int b = line[offset + k];
            if (Character.toUpperCase(b) != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}

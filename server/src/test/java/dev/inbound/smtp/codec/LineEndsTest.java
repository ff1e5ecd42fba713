package dev.inbound.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scan finds what a byte-at-a-time scan finds, wherever the bytes sit. */
class LineEndsTest {
    /** CR and LF, their neighbours, and bytes that differ from them in the high bit only. */
    private static final byte[] ALPHABET = {'\r', '\n', 0x0C, 0x0E, 0x09, 0x0B, 0, 1, (byte) 0x8D, (byte) 0x8A,
        (byte) 0xFF, 'a', '.'};

    @Test
    void findsTheFirstLineEndLikeAPlainLoop() {
        Random random = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            byte[] bytes = new byte[random.nextInt(40)];
            int special = random.nextInt(4); // how often a byte is from the alphabet rather than text
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(8) < special ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) 'x';
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertThat(LineEnds.next(bytes, from, to)).as("in %s from %d to %d", java.util.Arrays.toString(bytes), from, to)
                    .isEqualTo(plain(bytes, from, to));
        }
    }

    @Test
    void textWithoutLineEndsRunsToTheEnd() {
        byte[] text = "no line end in here at all, over more than eight bytes".getBytes();
        assertThat(LineEnds.next(text, 3, text.length)).isEqualTo(text.length);
    }

    private static int plain(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return i;
            }
        }
        return to;
    }
}

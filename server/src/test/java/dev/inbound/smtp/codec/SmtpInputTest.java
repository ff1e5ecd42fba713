package dev.inbound.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The framing of commands, DATA and BDAT, independent of how the bytes are split into reads. */
class SmtpInputTest {

    /**
     * Feeds {@code input} in reads of {@code readSize} bytes, switching to DATA after each
     * "DATA" command line as the protocol would, and describes the events: commands as
     * {@code C:text}, defects as {@code C!DEFECT}, content (pieces joined) as {@code D:bytes}.
     */
    private static List<String> frame(String input, int readSize) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        SmtpInput framer = new SmtpInput(64);
        List<String> events = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        for (int start = 0; start < bytes.length; start += readSize) {
            ByteBuffer read = ByteBuffer.wrap(bytes, start, Math.min(readSize, bytes.length - start));
            while (read.hasRemaining()) {
                InputEvent event = framer.next(read);
                if (event instanceof CommandLine line) {
                    String text = new String(line.bytes(), StandardCharsets.ISO_8859_1);
                    events.add(line.defect() == CommandLine.LineDefect.NONE ? "C:" + text : "C!" + line.defect());
                    if (text.equals("DATA")) {
                        framer.expectData();
                    }
                } else if (event instanceof Content piece) {
                    content.append(new String(piece.buffer(), piece.offset(), piece.length(), StandardCharsets.ISO_8859_1));
                    if (piece.end()) {
                        events.add("D:" + content);
                        content.setLength(0);
                    }
                }
            }
        }
        if (content.length() > 0) {
            events.add("D(open):" + content);
        }
        return events;
    }

    private static List<String> frameEveryWay(String input) {
        List<String> whole = frame(input, Integer.MAX_VALUE);
        for (int size = 1; size <= 7; size++) {
            assertThat(frame(input, size)).as("read size %d", size).isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void commandLinesEndOnlyAtCrLfOrAreMarked() {
        assertThat(frameEveryWay("EHLO a\r\nNOOP\nNO\rOP\r\nNO\0OP\r\n"))
                .containsExactly("C:EHLO a", "C!BARE_LF", "C!BARE_CR", "C!NUL");
    }

    @Test
    void overlongCommandLineIsMarkedAndTheNextLineIsIntact() {
        assertThat(frameEveryWay("NOOP " + "x".repeat(200) + "\r\nQUIT\r\n")).containsExactly("C!TOO_LONG", "C:QUIT");
    }

    @Test
    void dataEndsOnlyAtCrLfDotCrLfAndIsUnstuffed() {
        assertThat(frameEveryWay("DATA\r\nSubject: x\r\n\r\n..one\r\n.two\r\n.\r\nQUIT\r\n"))
                .containsExactly("C:DATA", "D:Subject: x\r\n\r\n.one\r\ntwo\r\n", "C:QUIT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n.\n", "\n.\r\n", "\r.\r", "\r.\r\n", "\r.\n", "\n.\r", "\r\n.\n", "\r\n.\r",
            "\r\n.\r\r\n", "\r\n\0.\r\n", "\r\n.\0\r\n"})
    void smugglingSequencesStayContent(String endOfDataLookAlike) {
        List<String> events = frameEveryWay("DATA\r\ntext" + endOfDataLookAlike + "MAIL FROM:<evil@x>\r\n.\r\nNOOP\r\n");
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo("C:DATA");
        assertThat(events.get(1)).startsWith("D:text").endsWith("MAIL FROM:<evil@x>\r\n");
        assertThat(events.get(2)).isEqualTo("C:NOOP");
    }

    @Test
    void dotAfterABareNewlineIsStuffingButNeverTheEnd() {
        assertThat(frameEveryWay("DATA\r\na\n.\nb\r.\r\nc\r\n.\r\n")).containsExactly("C:DATA", "D:a\n\nb\r\r\nc\r\n");
    }

    @Test
    void bdatChunkIsReadWhateverItHolds() {
        assertThat(frameEveryWay("BDAT 9\r\nQUIT\r\n.\r\nBDAT 0 LAST\r\nNOOP\r\n")).containsExactly(
                "C:BDAT 9", "D:QUIT\r\n.\r\n", "C:BDAT 0 LAST", "C:NOOP");
    }

    @Test
    void malformedBdatLinesAreCommandsOnly() {
        assertThat(frameEveryWay("BDAT x\r\nBDAT 1 FIRST\r\nBDAT 1234567890123456789\r\n"))
                .containsExactly("C:BDAT x", "C:BDAT 1 FIRST", "C:BDAT 1234567890123456789");
    }
}

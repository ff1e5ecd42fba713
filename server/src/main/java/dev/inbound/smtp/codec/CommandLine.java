package dev.inbound.smtp.codec;

/**
 * One command line, without its line ending.
 *
 * @param bytes the line as received (empty when {@code defect} is {@link LineDefect#TOO_LONG})
 * @param length the line's length in octets, CRLF not counted (for a line too long, more than the cap)
 * @param defect the first thing wrong with the line's framing, or {@link LineDefect#NONE}
 * @param chunkSize for a well-formed {@code BDAT} line, the octets that follow it as a chunk; -1 otherwise
 */
public record CommandLine(byte[] bytes, int length, LineDefect defect, long chunkSize) implements InputEvent {

    /** What can be wrong with how a command line was framed. */
    public enum LineDefect {
        NONE,
        /** Longer than the decoder holds: reported once the cap is passed, the rest dropped up to its LF. */
        TOO_LONG,
        /** Contains a NUL byte. */
        NUL,
        /** Contains a CR that is not part of CRLF. */
        BARE_CR,
        /** Ended by a LF without a CR. */
        BARE_LF
    }
}

package dev.inbound.smtp.codec;

/**
 * A piece of message content from DATA (dot-unstuffed, end-of-data removed) or from a BDAT
 * chunk. The bytes are a view into the decoder's buffer, valid only until the next event.
 *
 * @param end true on the last piece of the DATA content or of the BDAT chunk
 */
public record Content(byte[] buffer, int offset, int length, boolean end) implements InputEvent {
}

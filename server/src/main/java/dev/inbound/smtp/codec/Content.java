package dev.inbound.smtp.codec;

/**
 * A piece of message content from DATA (dot-unstuffed, end-of-data removed) or from a BDAT
 * chunk. The bytes are a view into the decoder's buffer, valid only until the next event.
 *
 * @param end true on the last piece of the DATA content or of the BDAT chunk
 * @param bareNewline true when the client sent a bare CR or LF within this piece of DATA (the
 *     bytes alone may not show it: a dot dropped as stuffing can put a bare CR next to a bare LF)
 */
public record Content(byte[] buffer, int offset, int length, boolean end, boolean bareNewline)
        implements InputEvent {
}

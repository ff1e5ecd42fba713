package dev.inbound.smtp.codec;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * MINA's side of {@link SmtpInput}: one event per {@code decode} call.
 *
 * <p>Returning after each event matters. {@code ProtocolCodecFilter} hands each event to the
 * next filter before it calls {@code decode} again with the rest of the buffer, and this
 * filter sits after the session's ordered executor, so the protocol has answered a command
 * (and, for DATA, switched the input to content) before the next byte is looked at.
 */
public final class SmtpDecoder implements ProtocolDecoder {
    private static final AttributeKey INPUT = new AttributeKey(SmtpDecoder.class, "input");

    private final int lineCap;

    public SmtpDecoder(int lineCap) {
        this.lineCap = lineCap;
    }

    /** The session's input state, created on first use. */
    public SmtpInput input(IoSession session) {
        SmtpInput input = (SmtpInput) session.getAttribute(INPUT);
        if (input == null) {
            input = new SmtpInput(lineCap);
            session.setAttribute(INPUT, input);
        }
        return input;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        InputEvent event = input(session).next(in.buf());
        if (event != null) {
            out.write(event);
        }
    }

    @Override
    public void finishDecode(IoSession session, ProtocolDecoderOutput out) {
        // A partial line or unfinished data at disconnect is dropped: nothing half-received is delivered.
    }

    @Override
    public void dispose(IoSession session) {
        session.removeAttribute(INPUT);
    }
}

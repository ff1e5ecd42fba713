package dev.inbound.smtp.codec;

import dev.inbound.smtp.Reply;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Writes a {@link Reply} as its wire text in UTF-8: ASCII for every reply the server makes, but
 * for an SMTPUTF8 address named in an LMTP reply to a recipient.
 */
public final class ReplyEncoder extends ProtocolEncoderAdapter {
    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        byte[] bytes = ((Reply) message).toWire().getBytes(StandardCharsets.UTF_8);
        out.write(IoBuffer.wrap(bytes));
    }
}

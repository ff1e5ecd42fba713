package dev.inbound.smtp.transport;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.codec.SmtpInput;
import dev.inbound.smtp.protocol.Channel;
import org.apache.mina.core.session.IoSession;

/** The conversation's view of a MINA session. */
final class MinaChannel implements Channel {
    private final IoSession session;
    private final SmtpInput input;

    MinaChannel(IoSession session, SmtpInput input) {
        this.session = session;
        this.input = input;
    }

    @Override
    public void send(Reply reply) {
        session.write(reply);
    }

    @Override
    public void close() {
        input.discardInput();
        session.closeOnFlush();
    }

    @Override
    public void expectData() {
        input.expectData();
    }
}

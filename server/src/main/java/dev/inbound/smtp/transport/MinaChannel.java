package dev.inbound.smtp.transport;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.TlsInfo;
import dev.inbound.smtp.codec.SmtpInput;
import dev.inbound.smtp.protocol.Channel;
import java.util.Optional;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/** The conversation's view of a MINA session. */
final class MinaChannel implements Channel {
    private final IoSession session;
    private final SmtpInput input;
    /** The listener's TLS filter, or null when it has no TLS. */
    private final TlsFilter tls;

    MinaChannel(IoSession session, SmtpInput input, TlsFilter tls) {
        this.session = session;
        this.input = input;
        this.tls = tls;
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

    @Override
    public boolean canStartTls() {
        return tls != null && !tls.implicit() && session.getFilterChain().get(SslFilter.class) == null;
    }

    @Override
    public void startTls(Reply ready) {
        input.discardInput();
        TlsFilter.startAfter(session, ready);
    }

    @Override
    public Optional<TlsInfo> tls() {
        return TlsFilter.info(session);
    }
}

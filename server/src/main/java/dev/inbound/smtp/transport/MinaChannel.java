package dev.inbound.smtp.transport;

import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.TlsInfo;
import dev.inbound.smtp.codec.SmtpInput;
import dev.inbound.smtp.protocol.Channel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslFilter;

/** The conversation's view of a MINA session. */
final class MinaChannel implements Channel {
    /** Input held while a pause lasts, at most: beyond it the client is not waiting for replies. */
    private static final int HELD_CAP = 64 * 1024;
    private static final AttributeKey CLOSING = new AttributeKey(MinaChannel.class, "closing");

    private final IoSession session;
    private final SmtpInput input;
    /** The listener's TLS filter, or null when it has no TLS. */
    private final TlsFilter tls;

    private final ScheduledExecutorService timer;
    /** Where {@link #offload} runs blocking work. */
    private final Executor offloads;
    /** The last reply written; used by the session's thread only. */
    private WriteFuture lastSent;

    /**
     * The end of a {@link #pause} or an {@link #offload}: sent down the filter chain as an event, so that it reaches
     * the handler on a worker in order with the session's other events.
     */
    record Resume(Runnable then) implements FilterEvent {
    }

    MinaChannel(IoSession session, SmtpInput input, TlsFilter tls, ScheduledExecutorService timer,
            Executor offloads) {
        this.session = session;
        this.input = input;
        this.tls = tls;
        this.timer = timer;
        this.offloads = offloads;
    }

    @Override
    public void send(Reply reply) {
        lastSent = session.write(reply);
    }

    @Override
    public void close() {
        input.discardInput();
        session.setAttribute(CLOSING, Boolean.TRUE);
        WriteFuture last = lastSent;
        if (last == null || !session.getFilterChain().contains(SslFilter.class)) {
            session.closeOnFlush();
            return;
        }
        // MINA's SslFilter holds writes back while a handshake task runs, and drops what it still
        // holds when it is removed: end TLS once the last reply (a 221, a 421) has gone out.
        last.addListener(sent -> endTls());
    }

    /**
     * Removing the SslFilter sends TLS close_notify after what is already written (RFC 8446
     * 6.1); MINA's SslFilter sends none when the session is merely closed.
     */
    private void endTls() {
        if (session.getFilterChain().contains(SslFilter.class)) {
            session.getFilterChain().remove(SslFilter.class);
        }
        session.closeOnFlush();
    }

    /**
     * Whether the conversation has closed the session, which MINA may not know yet: its
     * {@code closeOnFlush()} waits for the writes, and the SslFilter taken out by
     * {@link #close()} still fails on the acknowledgement of its last one.
     */
    static boolean closing(IoSession session) {
        return session.isClosing() || session.containsAttribute(CLOSING);
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

    @Override
    public Optional<ProxyInfo> proxy() {
        return ProxyProtocolFilter.info(session);
    }

    @Override
    public void pause(Duration delay, Runnable then) {
        input.hold(HELD_CAP);
        try {
            timer.schedule(() -> session.getFilterChain().fireEvent(new Resume(then)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            session.closeNow();
        }
    }

    @Override
    public void offload(Runnable blocking, Runnable then) {
        input.hold(HELD_CAP);
        Runnable resume = () -> session.getFilterChain().fireEvent(new Resume(then));
        try {
            offloads.execute(() -> {
                try {
                    blocking.run();
                } finally {
                    resume.run();
                }
            });
        } catch (RejectedExecutionException stopping) {
            session.closeNow();
        }
    }
}

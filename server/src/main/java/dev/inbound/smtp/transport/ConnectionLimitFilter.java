package dev.inbound.smtp.transport;

import dev.inbound.smtp.Reply;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts connections, in total and per client address, and turns away those over either
 * limit with {@code 421 4.7.0} before the protocol sees them (Postfix's
 * {@code smtpd_client_connection_count_limit}). The client address is the one a PROXY header
 * gave, so this filter must come after {@link ProxyProtocolFilter}, which holds back
 * {@code sessionOpened} until it has read the header.
 */
final class ConnectionLimitFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitFilter.class);
    private static final AttributeKey COUNTED = new AttributeKey(ConnectionLimitFilter.class, "ip");
    private static final AttributeKey REFUSED = new AttributeKey(ConnectionLimitFilter.class, "refused");

    private final int maxTotal;
    private final int maxPerIp;
    private final byte[] serverBusy;
    private final byte[] tooManyFromIp;
    private final Consumer<IoSession> onRefused;
    private final AtomicInteger total = new AtomicInteger();
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perIp = new ConcurrentHashMap<>();

    /** {@code onRefused} hears of each connection turned away, for the server events. */
    ConnectionLimitFilter(int maxTotal, int maxPerIp, String hostname, Consumer<IoSession> onRefused) {
        this.onRefused = onRefused;
        this.maxTotal = maxTotal;
        this.maxPerIp = maxPerIp;
        this.serverBusy = wire(Reply.of(421, "4.7.0", hostname + " Error: too many connections, try again later"));
        this.tooManyFromIp = wire(Reply.of(421, "4.7.0",
                hostname + " Error: too many connections from your address, try again later"));
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        InetAddress ip = ProxyProtocolFilter.client(session).getAddress();
        session.setAttribute(COUNTED, ip);
        int fromIp = perIp.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
        if (total.incrementAndGet() > maxTotal) {
            refuse(session, serverBusy, "server");
        } else if (fromIp > maxPerIp) {
            refuse(session, tooManyFromIp, ip.getHostAddress());
        } else {
            next.sessionOpened(session);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (!session.containsAttribute(REFUSED)) {
            next.messageReceived(session, message);
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        InetAddress ip = (InetAddress) session.removeAttribute(COUNTED);
        if (ip != null) {
            total.decrementAndGet();
            perIp.computeIfPresent(ip, (k, count) -> count.decrementAndGet() == 0 ? null : count);
        }
        next.sessionClosed(session);
    }

    private void refuse(IoSession session, byte[] reply, String what) {
        refusals.refused(ProxyProtocolFilter.client(session), what + " connection limit reached");
        onRefused.accept(session);
        session.setAttribute(REFUSED, Boolean.TRUE);
        session.write(IoBuffer.wrap(reply));
        session.closeOnFlush();
    }

    private static byte[] wire(Reply reply) {
        return reply.toWire().getBytes(StandardCharsets.US_ASCII);
    }
}

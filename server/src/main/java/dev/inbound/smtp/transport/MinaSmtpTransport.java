package dev.inbound.smtp.transport;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.codec.ReplyEncoder;
import dev.inbound.smtp.codec.SmtpDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server on MINA. The filter chain, in the order bytes travel:
 * <ol>
 * <li>{@code throttle}: the I/O-thread half of {@link ReadThrottle};
 * <li>{@code limits}: connection counts, in total and per client address, on the I/O thread;
 * <li>{@code executor}: an ordered pool, so that everything after it runs off the I/O threads
 * and one event at a time per session; {@link ReadThrottle} watches its queue and pauses
 * reading from a session whose unprocessed bytes pile up, which keeps memory per connection
 * bounded;
 * <li>{@code codec}: {@link SmtpDecoder} and {@link ReplyEncoder};
 * <li>{@link SmtpIoHandler}, which drives the session's conversation.
 * </ol>
 */
public final class MinaSmtpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MinaSmtpTransport.class);
    /** Longest command line the decoder keeps; the protocol applies the real, per-verb limit. */
    private static final int LINE_CAP = 16384; // an AUTH response may have 12288 octets (RFC 4954), Dovecot caps at 16 KiB
    private static final int QUEUED_BYTES_PER_SESSION = 256 * 1024;

    private final ServerSettings settings;
    private final Handler handler;
    private NioSocketAcceptor acceptor;
    private OrderedThreadPoolExecutor executor;
    private SmtpIoHandler ioHandler;
    private DeadlineWatcher watcher;
    private ScheduledExecutorService timer;

    public MinaSmtpTransport(ServerSettings settings, Handler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    public void start() throws IOException {
        SmtpDecoder decoder = new SmtpDecoder(LINE_CAP);
        ConnectionLimitFilter limits = new ConnectionLimitFilter(settings.maxConnections(),
                settings.maxConnectionsPerIp(), settings.hostname());
        ReadThrottle throttle = new ReadThrottle(QUEUED_BYTES_PER_SESSION);
        executor = new OrderedThreadPoolExecutor(0, settings.workerThreads(), 60, TimeUnit.SECONDS,
                new NamedThreadFactory("inbound-worker"), throttle);
        timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("inbound-timer"));
        ioHandler = new SmtpIoHandler(settings, handler, decoder, timer);

        acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(256);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getFilterChain().addLast("throttle", throttle);
        acceptor.getFilterChain().addLast("limits", limits);
        acceptor.getFilterChain().addLast("executor", new ExecutorFilter(executor));
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new ReplyEncoder(), decoder));
        acceptor.setHandler(ioHandler);
        acceptor.setCloseOnDeactivation(true);
        bind(InetAddress.getAllByName(settings.bindHost()));

        watcher = new DeadlineWatcher(acceptor, settings);
        watcher.start();
        LOG.info("listening on {}", acceptor.getLocalAddresses());
        warnIfOpenRelay();
    }

    private void warnIfOpenRelay() {
        boolean reachable = acceptor.getLocalAddresses().stream()
                .anyMatch(a -> !((InetSocketAddress) a).getAddress().isLoopbackAddress());
        if (reachable && settings.acceptDomains().isEmpty() && !settings.authRequired()) {
            LOG.warn("open relay: listening on {} without accept-domains or required AUTH, so the server accepts mail"
                    + " for any domain from anyone; set accept-domains or auth-required", acceptor.getLocalAddresses());
        }
    }

    /**
     * Listens on every address of the bind host, as Postfix does for {@code localhost}
     * (127.0.0.1 and ::1), all on the port the first one got. Only the first must succeed: a
     * machine without IPv6 still lists ::1 for localhost.
     */
    private void bind(InetAddress[] addresses) throws IOException {
        acceptor.bind(new InetSocketAddress(addresses[0], settings.port()));
        for (int i = 1; i < addresses.length; i++) {
            try {
                acceptor.bind(new InetSocketAddress(addresses[i], port()));
            } catch (IOException e) {
                LOG.warn("not listening on {} as well: {}", addresses[i], e.getMessage());
            }
        }
    }

    public int port() {
        return ((InetSocketAddress) acceptor.getLocalAddress()).getPort();
    }

    /** Graceful stop; see {@link dev.inbound.smtp.SmtpServer#stop()}. */
    public void stop() {
        ioHandler.stopping();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            SmtpIoHandler.stop(session);
        }
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (!acceptor.getManagedSessions().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        watcher.stop();
        timer.shutdownNow();
        acceptor.unbind();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            session.closeNow();
        }
        acceptor.dispose(true);
        executor.shutdown();
        try {
            executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped");
    }
}

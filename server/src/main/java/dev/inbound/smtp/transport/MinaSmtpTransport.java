package dev.inbound.smtp.transport;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ListenerPolicy;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.codec.ReplyEncoder;
import dev.inbound.smtp.codec.SmtpDecoder;
import dev.inbound.smtp.net.ProxySettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server on MINA: one acceptor per {@link Listener}, SMTP or LMTP (plaintext, with STARTTLS
 * when there are TLS keys) or SMTPS (implicit TLS). All share one protocol pipeline. The filter chain, in
 * the order bytes travel:
 * <ol>
 * <li>{@code proxy}: {@link ProxyProtocolFilter}, on listeners that read a PROXY header;
 * <li>{@code throttle}: the I/O-thread half of {@link ReadThrottle};
 * <li>{@code ssl}: MINA's {@code SslFilter}, added per session by {@link TlsFilter};
 * <li>{@code tls}: {@link TlsFilter}, when there are TLS keys;
 * <li>{@code limits}: connection counts, in total and per client address, on the I/O thread;
 * <li>{@code executor}: one event at a time per session, in order. For a handler that may
 * block, an ordered pool, so that everything after it runs off the I/O threads; for one that
 * {@linkplain Handler#nonBlocking never blocks}, {@link InlineSessionExecutor}, so that a
 * command is answered on the I/O thread that read it. {@link ReadThrottle} watches its queue
 * and pauses reading from a session whose unprocessed bytes pile up, which keeps memory per
 * connection bounded;
 * <li>{@code codec}: {@link SmtpDecoder} and {@link ReplyEncoder};
 * <li>{@link SmtpIoHandler}, which drives the session's conversation.
 * </ol>
 */
public final class MinaSmtpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MinaSmtpTransport.class);
    /** Longest command line the decoder keeps; the protocol applies the real, per-verb limit. */
    private static final int LINE_CAP = 16384; // an AUTH response may have 12288 octets (RFC 4954), Dovecot caps at 16 KiB
    private static final int QUEUED_BYTES_PER_SESSION = 256 * 1024;
    /**
     * MINA halves a session's read buffer after each small read, down to 64 bytes: after a few
     * short commands a 1 KiB message then took several reads, each another turn through the
     * filter chain. Reads never go below this; MINA still grows it for bulk content.
     */
    private static final int MIN_READ_BUFFER = 2048;
    private static final AttributeKey STOP_SENT = new AttributeKey(MinaSmtpTransport.class, "stopSent");

    private final ServerSettings settings;
    /** Where TLS contexts come from, null without TLS keys. */
    private final Supplier<SSLContext> tlsContexts;
    private final ProxySettings proxy;
    private final Handler handler;
    private final ServerEvents events;
    private final List<NioSocketAcceptor> acceptors = new ArrayList<>();
    /** The I/O threads. */
    private SimpleIoProcessorPool<NioSession> processors;
    /** The bound port of each listener, in the order of {@link ServerSettings#listeners()}. */
    private final List<Integer> ports = new ArrayList<>();
    /** Where sessions run, or, for a non-blocking handler, what they hand blocking work to. */
    private ExecutorService workers;
    private SmtpIoHandler ioHandler;
    private DeadlineWatcher watcher;
    private ScheduledExecutorService timer;
    private final RefusalLog proxyRefusals = new RefusalLog(LoggerFactory.getLogger(ProxyProtocolFilter.class));

    /** {@code tlsContexts}: the opened {@link ServerSettings#tls()}, or null without TLS keys. */
    public MinaSmtpTransport(ServerSettings settings, Supplier<SSLContext> tlsContexts, Handler handler, ServerEvents events) {
        this.settings = settings;
        this.tlsContexts = tlsContexts;
        this.proxy = ProxySettings.of(settings);
        this.handler = handler;
        this.events = events;
    }

    public void start() throws IOException {
        SmtpDecoder decoder = new SmtpDecoder(LINE_CAP);
        ReadThrottle throttle = new ReadThrottle(QUEUED_BYTES_PER_SESSION);
        Executor sessionExecutor;
        // Blocking work (checking a password) leaves the I/O thread; on a worker it runs where it is.
        Executor offloads;
        if (handler.nonBlocking()) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(),
                    60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new NamedThreadFactory("inbound-worker"));
            pool.allowCoreThreadTimeOut(true);
            workers = pool;
            sessionExecutor = new InlineSessionExecutor(pool, throttle);
            offloads = pool;
        } else {
            OrderedThreadPoolExecutor pool = new OrderedThreadPoolExecutor(0, settings.workerThreads(), 60,
                    TimeUnit.SECONDS, new NamedThreadFactory("inbound-worker"), throttle);
            workers = pool;
            sessionExecutor = pool;
            offloads = Runnable::run;
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("inbound-timer"));
        scheduler.setRemoveOnCancelPolicy(true); // PROXY header timeouts are mostly cancelled: forget them then
        timer = scheduler;
        ioHandler = new SmtpIoHandler(settings, handler, decoder, timer, offloads, events);
        // In chain order; the names are the ones the class comment and the filters look up.
        Map<String, IoFilter> shared = new LinkedHashMap<>();
        shared.put("throttle", throttle);
        shared.put("limits", new ConnectionLimitFilter(settings.maxConnections(),
                settings.maxConnectionsPerIp(), settings.hostname(),
                session -> events.connectionRefused(ioHandler.kind(session))));
        shared.put("executor", new OrderedEventsExecutorFilter(sessionExecutor));
        shared.put("codec", new ProtocolCodecFilter(new ReplyEncoder(), decoder));
        // One I/O thread per core, shared by all listeners: MINA would give each acceptor cores + 1,
        // and with sessions running on them, more threads than cores only take turns.
        RecyclingBufferAllocator.install(); // read buffers go back to their I/O thread, not to the GC
        processors = new SimpleIoProcessorPool<>(ResidentNioProcessor.class, Runtime.getRuntime().availableProcessors());
        try {
            for (Listener listener : settings.listeners()) {
                listen(listener, tlsFilter(listener), shared);
            }
        } catch (IOException | RuntimeException e) {
            disposeAll();
            throw e;
        }
        watcher = new DeadlineWatcher(acceptors, settings);
        watcher.start();
    }

    /** The listener's TLS filter: always for SMTPS, for SMTP and LMTP when STARTTLS is on offer, else null. */
    private TlsFilter tlsFilter(Listener listener) {
        boolean ask = settings.askClientCertificate();
        if (listener.kind() == Listener.Kind.SMTPS) {
            return new TlsFilter(tlsContexts, true, ask);
        }
        return tlsContexts != null && settings.startTls() ? new TlsFilter(tlsContexts, false, ask) : null;
    }

    private void listen(Listener listener, TlsFilter tls, Map<String, IoFilter> shared) throws IOException {
        NioSocketAcceptor acceptor = new NioSocketAcceptor(processors);
        acceptors.add(acceptor);
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(256);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getSessionConfig().setMinReadBufferSize(MIN_READ_BUFFER);
        shared.forEach(acceptor.getFilterChain()::addLast);
        if (tls != null) {
            acceptor.getFilterChain().addAfter("throttle", "tls", tls);
        }
        if (listener.proxy() != ProxyMode.OFF) {
            acceptor.getFilterChain().addFirst("proxy",
                    new ProxyProtocolFilter(listener.proxy(), proxy, timer, proxyRefusals));
        }
        acceptor.setHandler(ioHandler);
        ioHandler.serve(acceptor, listener);
        acceptor.setCloseOnDeactivation(true);
        bind(acceptor, InetAddress.getAllByName(listener.host()), listener.port());
        ports.add(port(acceptor));
        LOG.info("{} listening on {}{}{}", listener.name(), acceptor.getLocalAddresses(),
                tls == null ? "" : tls.implicit() ? " with implicit TLS" : " with STARTTLS",
                listener.proxy() == ProxyMode.OFF ? "" : ", PROXY header " + listener.proxy().name().toLowerCase(Locale.ROOT)
                        + " from " + proxy.trusted());
        warnIfOpenRelay(listener, acceptor);
    }

    /** Warns if {@code listener}, reachable from other hosts, takes mail for any domain from anyone. */
    private static void warnIfOpenRelay(Listener listener, NioSocketAcceptor acceptor) {
        ListenerPolicy policy = listener.policy();
        boolean reachable = acceptor.getLocalAddresses().stream()
                .anyMatch(a -> !((InetSocketAddress) a).getAddress().isLoopbackAddress());
        if (reachable && policy.acceptDomains().isEmpty() && !policy.authRequired()) {
            LOG.warn("open relay: {} listens on {} without accept-domains or required AUTH, so it accepts mail"
                    + " for any domain from anyone; set accept-domains or auth-required",
                    listener.name(), acceptor.getLocalAddresses());
        }
    }

    /**
     * Listens on every address of the bind host, as Postfix does for {@code localhost}
     * (127.0.0.1 and ::1), all on the port the first one got. Only the first must succeed: a
     * machine without IPv6 still lists ::1 for localhost.
     */
    private void bind(NioSocketAcceptor acceptor, InetAddress[] addresses, int port) throws IOException {
        acceptor.bind(new InetSocketAddress(addresses[0], port));
        int bound = port(acceptor);
        for (int i = 1; i < addresses.length; i++) {
            try {
                acceptor.bind(new InetSocketAddress(addresses[i], bound));
            } catch (IOException e) {
                LOG.warn("not listening on {} as well: {}", addresses[i], e.getMessage());
            }
        }
    }

    /** Whether every listener is bound and accepting; false once stopping has begun. */
    public boolean listening() {
        return !acceptors.isEmpty() && acceptors.stream().allMatch(NioSocketAcceptor::isActive) && !ioHandler.isStopping();
    }

    /** The bound port of each listener, in the order of {@link ServerSettings#listeners()}. */
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    private static int port(NioSocketAcceptor acceptor) {
        return ((InetSocketAddress) acceptor.getLocalAddress()).getPort();
    }

    /** Graceful stop; see {@link dev.inbound.smtp.SmtpServer#stop()}. */
    public void stop() {
        ioHandler.stopping();
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        while (!stopEach(sessions()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        watcher.stop();
        disposeAll();
        workers.shutdown();
        try {
            workers.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped");
    }

    /**
     * Tells each of {@code sessions} that has not heard it yet that the server is stopping; true
     * when there are none left. Asked again while the grace lasts, because a connection the
     * acceptor took just before the stop only becomes a session afterwards, and one still
     * waiting for its PROXY header has no conversation to see that the server is stopping.
     */
    private static boolean stopEach(List<IoSession> sessions) {
        for (IoSession session : sessions) {
            if (session.setAttributeIfAbsent(STOP_SENT, Boolean.TRUE) == null) {
                session.getFilterChain().fireEvent(SessionEvent.STOP);
            }
        }
        return sessions.isEmpty();
    }

    private List<IoSession> sessions() {
        List<IoSession> all = new ArrayList<>();
        for (NioSocketAcceptor acceptor : acceptors) {
            all.addAll(acceptor.getManagedSessions().values());
        }
        return all;
    }

    private void disposeAll() {
        for (NioSocketAcceptor acceptor : acceptors) {
            acceptor.unbind();
            for (IoSession session : acceptor.getManagedSessions().values()) {
                session.closeNow();
            }
            acceptor.dispose(true);
        }
        processors.dispose();
        timer.shutdownNow();
        if (watcher == null) {
            workers.shutdownNow();
        }
    }
}

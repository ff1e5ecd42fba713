package dev.inbound.smtp;

import dev.inbound.smtp.net.IpNetwork;
import dev.inbound.smtp.transport.MinaSmtpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An SMTP server, and LMTP if asked: build it, start it, hand its port to clients, stop it.
 *
 * <pre>{@code
 * SmtpServer server = SmtpServer.builder()
 *         .handler(new CollectorHandler())
 *         .port(0)
 *         .build();
 * server.start();                 // returns once the port is bound
 * send("localhost", server.port());
 * server.stop();                  // lets messages in transfer finish
 * }</pre>
 */
public final class SmtpServer {
    private final ServerSettings settings;
    private final Handler handler;
    private final ServerEvents events;
    private volatile MinaSmtpTransport transport;

    /** This build's version, such as {@code 0.1.0}, as Maven wrote it into {@code version.properties}. */
    public static String version() {
        try (InputStream in = SmtpServer.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing beside " + SmtpServer.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports as bound, one per listener in the order of the settings; kept after stop(). */
    private volatile List<Integer> boundPorts = List.of();

    private SmtpServer(ServerSettings settings, Handler handler, ServerEvents events) {
        this.settings = settings;
        this.handler = handler;
        this.events = events;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the TLS key material, binds the ports and starts serving; returns when clients can
     * connect. Key material that cannot be read fails here, with {@link java.io.UncheckedIOException}
     * or {@link IllegalStateException}.
     */
    public synchronized void start() throws IOException {
        if (transport != null) {
            throw new IllegalStateException("Already started");
        }
        TlsSettings tls = settings.tls();
        MinaSmtpTransport started = new MinaSmtpTransport(settings,
                tls == null ? null : tls.open(settings.hostname()), handler, events);
        started.start();
        transport = started;
        boundPorts = started.ports();
    }

    /**
     * Stops gracefully: new connections are answered 421, messages being transferred get
     * {@link ServerSettings#shutdownGrace()} to finish, then every connection is closed.
     */
    public synchronized void stop() {
        if (transport != null) {
            transport.stop();
            transport = null;
        }
    }

    /**
     * Why the server cannot take mail now, or empty when it can: not started, stopping, a
     * listener not bound, or the handler's {@link Handler#notReady} reasons, joined with
     * {@code "; "}. It does not connect to its own ports: a probe would count as a client.
     *
     * <pre>{@code
     * server.notReady().ifPresent(reason -> log.warn("not ready: {}", reason));
     * }</pre>
     */
    public Optional<String> notReady() {
        MinaSmtpTransport running = transport;
        if (running == null) {
            return Optional.of("not started");
        }
        if (!running.listening()) {
            return Optional.of("not listening (stopping)");
        }
        return handler.notReady();
    }

    /** The implicit TLS port, useful after {@code implicitTlsPort(0)}. */
    public int implicitTlsPort() {
        return port(Listener.Kind.SMTPS);
    }

    /** The bound SMTP port, useful after {@code port(0)}; still known while and after the server stops. */
    public int port() {
        return port(Listener.Kind.SMTP);
    }

    /** The bound port of the first listener of {@code kind}; still known while and after the server stops. */
    public int port(Listener.Kind kind) {
        List<Integer> ports = ports(kind);
        if (ports.isEmpty()) {
            throw new IllegalStateException("No " + kind + " listener, or not started");
        }
        return ports.get(0);
    }

    /**
     * The bound ports of every listener of {@code kind}, in the order they were configured (for
     * SMTP: the main port, then the {@linkplain Builder#submission submission} port); empty
     * before {@link #start()}.
     *
     * <pre>{@code
     * int submission = server.ports(Listener.Kind.SMTP).get(1);
     * }</pre>
     */
    public List<Integer> ports(Listener.Kind kind) {
        List<Integer> bound = boundPorts;
        List<Listener> listeners = settings.listeners();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            if (listeners.get(i).kind() == kind) {
                ports.add(bound.get(i));
            }
        }
        return List.copyOf(ports);
    }

    /**
     * What the builder made of its settings, listeners and policies resolved; the same before,
     * while and after the server runs.
     *
     * <pre>{@code
     * Duration grace = server.settings().shutdownGrace();
     * }</pre>
     */
    public ServerSettings settings() {
        return settings;
    }

    /** Collects settings; every one has a default fit for a server on localhost. */
    public static final class Builder {
        // Package-private where ServerSettings copies them, so that it needs no positional constructor.
        private Handler handler = new Handler() {
            @Override
            public boolean nonBlocking() {
                return true; // it answers every hook with the server's default
            }
        };
        private String bindHost = "localhost";
        private int port = 8025;
        /** Whether bind or port was called: with LMTP listeners, only then is there an SMTP one. */
        private boolean smtpChosen;
        private final List<Listener> lmtpListeners = new ArrayList<>();
        private Listener submission;
        private String hostname;
        String ident = "Inbound";
        private long maxMessageSize = ListenerPolicy.DEFAULTS.maxMessageSize();
        boolean smtpUtf8 = true;
        boolean receivedHeader = true;
        BareNewlinePolicy bareNewline = BareNewlinePolicy.NORMALIZE;
        int commandLineLimit = 512;
        int textLineLimit = 1000;
        int maxRecipients = 1000;
        Duration idleTimeout = Duration.ofSeconds(300);
        Duration dataTimeout = Duration.ofHours(1);
        long minDataRate = 500;
        int maxConnections = 1000;
        int maxConnectionsPerIp = 50;
        int maxUnknownCommands = 5;
        int maxErrors = 20;
        int spoolThreshold = 256 * 1024;
        Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        int workerThreads = 32;
        Duration shutdownGrace = Duration.ofSeconds(30);
        TlsSettings tls;
        boolean startTls = true;
        private int implicitTlsPort = -1;
        private boolean requireStartTls;
        boolean askClientCertificate;
        Authenticator authenticator;
        private boolean authRequired;
        boolean authRequireTls = true;
        private Set<String> acceptDomains = Set.of();
        private ProxyMode proxyMode = ProxyMode.OFF;
        private final Map<Listener.Kind, ProxyMode> proxyModes = new EnumMap<>(Listener.Kind.class);
        private final Map<String, Consumer<ListenerPolicy.Builder>> policies = new LinkedHashMap<>();
        List<String> proxyTrusted = List.of();
        Duration proxyTimeout = Duration.ofSeconds(10);
        private final List<ServerEvents> events = new ArrayList<>();

        private Builder() {
        }

        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler);
            return this;
        }

        /** The address to listen on for SMTP, and SMTPS; default {@code localhost}. */
        public Builder bind(String host) {
            this.bindHost = Objects.requireNonNull(host);
            this.smtpChosen = true;
            return this;
        }

        /** The SMTP port; default 8025, 0 for any free port. */
        public Builder port(int port) {
            this.port = range("port", port, 0, 65535);
            this.smtpChosen = true;
            return this;
        }

        /**
         * Also listen for LMTP (RFC 2033) on {@code host} and {@code port}, 0 for any free port;
         * call it again for more LMTP listeners. Without {@link #bind} or {@link #port}, the
         * server then listens for LMTP only (and SMTPS, if {@link #implicitTlsPort} is set).
         * Port 25 is refused: RFC 2033 keeps LMTP off SMTP's port, where a client would take
         * one reply for the whole message.
         *
         * <pre>{@code
         * SmtpServer.builder().lmtp("127.0.0.1", 24).handler(mailboxes).build();
         * }</pre>
         */
        public Builder lmtp(String host, int port) {
            if (port == 25) {
                throw new IllegalArgumentException("LMTP must not listen on port 25, the SMTP port (RFC 2033)");
            }
            lmtpListeners.add(new Listener(Listener.Kind.LMTP, Objects.requireNonNull(host),
                    range("lmtp port", port, 0, 65535)));
            return this;
        }

        /**
         * Also listen for SMTP on {@code host} and {@code port} (0 for any free port), the
         * message submission port (587, RFC 6409) next to the relay port 25. It is a second SMTP
         * listener named {@code submission}, with the server's policy unless
         * {@link #policy policy("submission", ...)} changes it; {@link SmtpServer#ports} gives its
         * bound port after the main one.
         *
         * <pre>{@code
         * SmtpServer.builder().bind("0.0.0.0").port(25).submission("0.0.0.0", 587).handler(mailboxes).build();
         * }</pre>
         */
        public Builder submission(String host, int port) {
            this.submission = new Listener("submission", Listener.Kind.SMTP, Objects.requireNonNull(host),
                    range("submission port", port, 0, 65535), ListenerPolicy.DEFAULTS);
            return this;
        }

        /** The name the server gives itself; default this machine's name. */
        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname);
            return this;
        }

        /** The text after the hostname in the greeting; default {@code Inbound}. */
        public Builder ident(String ident) {
            this.ident = Objects.requireNonNull(ident);
            return this;
        }

        /**
         * Largest message in bytes, for every listener unless its {@link #policy} says otherwise;
         * default 32 MiB, 0 for no limit.
         */
        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = atLeast("maxMessageSize", bytes, 0);
            return this;
        }

        /** Whether to offer SMTPUTF8; default yes. */
        public Builder smtpUtf8(boolean enabled) {
            this.smtpUtf8 = enabled;
            return this;
        }

        /** Whether to prepend a Received header; default yes. */
        public Builder receivedHeader(boolean enabled) {
            this.receivedHeader = enabled;
            return this;
        }

        /** What a bare CR or LF in content leads to; default {@link BareNewlinePolicy#NORMALIZE}. */
        public Builder bareNewline(BareNewlinePolicy policy) {
            this.bareNewline = Objects.requireNonNull(policy);
            return this;
        }

        /** Octets in a command line, not counting CRLF; default 512. */
        public Builder commandLineLimit(int octets) {
            this.commandLineLimit = range("commandLineLimit", octets, 512, 4096);
            return this;
        }

        /** Octets in a line of content, counting CRLF; default 1000. */
        public Builder textLineLimit(int octets) {
            this.textLineLimit = (int) atLeast("textLineLimit", octets, 1000);
            return this;
        }

        /** Recipients per message; default 1000. */
        public Builder maxRecipients(int count) {
            this.maxRecipients = (int) atLeast("maxRecipients", count, 1);
            return this;
        }

        /** How long a client may take over a command; default 300 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /** How long the content of one message may take to arrive; default 1 hour. */
        public Builder dataTimeout(Duration timeout) {
            this.dataTimeout = positive("dataTimeout", timeout);
            return this;
        }

        /** The slowest average rate, bytes per second, at which content may arrive; default 500. */
        public Builder minDataRate(long bytesPerSecond) {
            this.minDataRate = atLeast("minDataRate", bytesPerSecond, 0);
            return this;
        }

        /** Connections at once; default 1000. */
        public Builder maxConnections(int count) {
            this.maxConnections = (int) atLeast("maxConnections", count, 1);
            return this;
        }

        /** Connections at once from one address; default 50. */
        public Builder maxConnectionsPerIp(int count) {
            this.maxConnectionsPerIp = (int) atLeast("maxConnectionsPerIp", count, 1);
            return this;
        }

        /** Unknown commands before the connection is closed; default 5. */
        public Builder maxUnknownCommands(int count) {
            this.maxUnknownCommands = (int) atLeast("maxUnknownCommands", count, 1);
            return this;
        }

        /** Error replies before the connection is closed; default 20. */
        public Builder maxErrors(int count) {
            this.maxErrors = (int) atLeast("maxErrors", count, 1);
            return this;
        }

        /** Bytes of a message held in memory before it goes to a file; default 256 KiB. */
        public Builder spoolThreshold(int bytes) {
            this.spoolThreshold = (int) atLeast("spoolThreshold", bytes, 0);
            return this;
        }

        /** Where spool files go; default {@code java.io.tmpdir}. */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /** Threads that run handler hooks; default 32. */
        public Builder workerThreads(int count) {
            this.workerThreads = (int) atLeast("workerThreads", count, 1);
            return this;
        }

        /** How long stop() waits for messages in transfer; default 30 s. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace);
            return this;
        }

        /** Where TLS keys come from; with them the main port offers STARTTLS. Default: no TLS. */
        public Builder tls(TlsSettings settings) {
            this.tls = Objects.requireNonNull(settings);
            return this;
        }

        /** Whether the main port offers STARTTLS when there are TLS keys; default yes. */
        public Builder startTls(boolean offered) {
            this.startTls = offered;
            return this;
        }

        /** A second port, where connections start with TLS (SMTPS, RFC 8314); 0 for any free port. */
        public Builder implicitTlsPort(int port) {
            this.implicitTlsPort = range("implicitTlsPort", port, 0, 65535);
            return this;
        }

        /**
         * Refuse everything but EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT before TLS, on every
         * listener unless its {@link #policy} says otherwise; default no.
         */
        public Builder requireStartTls(boolean required) {
            this.requireStartTls = required;
            return this;
        }

        /** What checks AUTH credentials; AUTH is offered only with one. Default none. */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        /**
         * Whether MAIL, RCPT, DATA, BDAT and VRFY need a successful AUTH first (530), on every
         * listener unless its {@link #policy} says otherwise; default no.
         */
        public Builder authRequired(boolean required) {
            this.authRequired = required;
            return this;
        }

        /** Whether AUTH is offered and accepted only over TLS (else 538); default yes. */
        public Builder authRequireTls(boolean required) {
            this.authRequireTls = required;
            return this;
        }

        /**
         * Ask TLS clients for a certificate; one given is not checked but shown to the handler in
         * {@link Session#tls()}. Default no.
         */
        public Builder askClientCertificate(boolean ask) {
            this.askClientCertificate = ask;
            return this;
        }

        /**
         * The domains recipients may have, unless the client has authenticated: others get
         * {@code 554 5.7.1 Relaying denied}. Matched exactly, as {@link DomainName#canonical} compares; {@code postmaster}
         * is always accepted. For every listener unless its {@link #policy} says otherwise; default
         * empty: every recipient is accepted.
         */
        public Builder acceptDomains(Set<String> domains) {
            this.acceptDomains = Set.copyOf(domains);
            return this;
        }

        /**
         * Whether connections to every listener begin with a PROXY protocol header, for a server
         * behind a load balancer such as HAProxy; needs {@link #proxyTrusted}. Default
         * {@link ProxyMode#OFF}.
         */
        public Builder proxyProtocol(ProxyMode mode) {
            this.proxyMode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * As {@link #proxyProtocol(ProxyMode)}, for the listeners of {@code kind} only; wins over it,
         * and a listener's {@link #policy} wins over both.
         */
        public Builder proxyProtocol(Listener.Kind kind, ProxyMode mode) {
            proxyModes.put(Objects.requireNonNull(kind), Objects.requireNonNull(mode));
            return this;
        }

        /**
         * Changes the policy of the listener named {@code listenerName} ({@code smtp},
         * {@code submission}, {@code smtps} or {@code lmtp}, the last for every LMTP listener):
         * it starts from the server-wide settings ({@link #authRequired}, {@link #acceptDomains},
         * {@link #requireStartTls}, {@link #maxMessageSize}, {@link #proxyProtocol}) and
         * {@code overrides} changes what differs; called again for the same name, both apply in
         * order. {@link #build()} fails for a name no listener has.
         *
         * <pre>{@code
         * SmtpServer.builder().port(25).acceptDomains(Set.of("example.com"))
         *         .submission("0.0.0.0", 587).authenticator(users)
         *         .policy("submission", p -> p.authRequired(true).acceptDomains(Set.of()))
         *         .build();
         * }</pre>
         */
        public Builder policy(String listenerName, Consumer<ListenerPolicy.Builder> overrides) {
            Objects.requireNonNull(overrides);
            policies.merge(Objects.requireNonNull(listenerName), overrides, Consumer::andThen);
            return this;
        }

        /**
         * The networks of the proxies allowed to send a PROXY protocol header, in CIDR notation
         * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address). Default none.
         */
        public Builder proxyTrusted(String... networks) {
            Arrays.stream(networks).forEach(IpNetwork::parse); // a typing error shows here, not at start
            this.proxyTrusted = List.of(networks);
            return this;
        }

        /** How long a connection may take to send its PROXY protocol header; default 10 s. */
        public Builder proxyTimeout(Duration timeout) {
            this.proxyTimeout = positive("proxyTimeout", timeout);
            return this;
        }

        /**
         * Who hears of connections, messages, TLS handshakes and AUTH failures, for meters or
         * monitoring; call it again to add more. Default none. The {@code inbound-micrometer}
         * module's {@code MicrometerEvents} records them as Micrometer meters.
         *
         * <pre>{@code
         * SmtpServer.builder().handler(mailboxes).events(new MicrometerEvents(registry, "mailboxes")).build();
         * }</pre>
         */
        public Builder events(ServerEvents listener) {
            this.events.add(Objects.requireNonNull(listener));
            return this;
        }

        public SmtpServer build() {
            if (tls == null && implicitTlsPort >= 0) {
                throw new IllegalStateException("implicitTlsPort needs tls(...) key material");
            }
            List<Listener> listeners = new ArrayList<>();
            if (smtpChosen || lmtpListeners.isEmpty()) {
                listeners.add(new Listener(Listener.Kind.SMTP, bindHost, port));
            }
            if (submission != null) {
                listeners.add(submission);
            }
            if (implicitTlsPort >= 0) {
                listeners.add(new Listener(Listener.Kind.SMTPS, bindHost, implicitTlsPort));
            }
            listeners.addAll(lmtpListeners);
            for (String name : policies.keySet()) {
                if (listeners.stream().noneMatch(l -> l.name().equals(name))) {
                    throw new IllegalStateException("policy(\"" + name + "\", ...) names no listener; the listeners are "
                            + listeners.stream().map(Listener::name).distinct().toList());
                }
            }
            ListenerPolicy defaults = new ListenerPolicy(authRequired, acceptDomains, requireStartTls,
                    maxMessageSize, proxyMode);
            listeners.replaceAll(listener -> resolved(listener, defaults));
            if (proxyTrusted.isEmpty() && listeners.stream().anyMatch(l -> l.proxy() != ProxyMode.OFF)) {
                throw new IllegalStateException(
                        "the PROXY protocol needs proxyTrusted(...): the networks of the proxies allowed to send a header");
            }
            ServerSettings settings = new ServerSettings(this, listeners,
                    hostname != null ? hostname : localHostname(), defaults);
            return new SmtpServer(settings, handler, events.isEmpty() ? ServerEvents.NONE
                    : ServerEvents.all(events.toArray(ServerEvents[]::new)));
        }

        /** {@code listener} with the server-wide policy, its kind's PROXY mode, then its own overrides; checked. */
        private Listener resolved(Listener listener, ListenerPolicy defaults) {
            ListenerPolicy.Builder policy = defaults.toBuilder()
                    .proxy(proxyModes.getOrDefault(listener.kind(), defaults.proxy()));
            policies.getOrDefault(listener.name(), p -> { }).accept(policy);
            Listener resolved = listener.withPolicy(policy.build());
            ListenerPolicy p = resolved.policy();
            if (p.requireStartTls() && tls == null) {
                throw new IllegalStateException("requireStartTls on " + resolved + " needs tls(...) key material");
            }
            if (p.requireStartTls() && !startTls && listener.kind() != Listener.Kind.SMTPS) {
                throw new IllegalStateException("requireStartTls on " + resolved + " needs startTls");
            }
            if (p.authRequired() && authenticator == null) {
                throw new IllegalStateException("authRequired on " + resolved + " needs an authenticator");
            }
            return resolved;
        }

        private static String localHostname() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
            }
            return value;
        }

        private static long atLeast(String name, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}

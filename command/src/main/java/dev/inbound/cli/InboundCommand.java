package dev.inbound.cli;

import dev.inbound.smtp.BareNewlinePolicy;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.spi.HandlerFactory;
import dev.inbound.smtp.Handlers;
import dev.inbound.micrometer.MicrometerEvents;
import dev.inbound.store.StoreHandler;
import dev.inbound.http.HttpEndpoint;
import dev.inbound.http.MetricsEndpoint;
import dev.inbound.http.ProbeEndpoint;
import dev.inbound.micrometer.JvmMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.SmtpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code inbound} command: runs an SMTP server with a named handler until SIGTERM or SIGINT.
 *
 * <pre>{@code
 * inbound --listen 127.0.0.1:2525 --handler relay --handler-option host=mx.example --size 10M
 * }</pre>
 *
 * <p>An option left off the command line comes from the {@code INBOUND_*} environment, then
 * from the {@code --config} file, then from the server's defaults (see {@link OptionDefaults}).
 */
@Command(name = "inbound", mixinStandardHelpOptions = true, versionProvider = InboundVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Receives mail over SMTP or LMTP and hands each message to a handler.",
            "Every option can also be set as INBOUND_<OPTION> in the environment (INBOUND_MAX_CONNECTIONS=10)"
                    + " or as <option>=<value> in the --config file (max-connections=10);"
                    + " the command line wins over the environment, the environment over the file."})
public final class InboundCommand implements Callable<Integer> {
    private static final String LOGBACK_CONFIG = "logback.configurationFile";
    private static final Map<Listener.Kind, String> KIND_NAMES = Map.of(Listener.Kind.SMTP, "SMTP",
            Listener.Kind.SMTPS, "implicit TLS", Listener.Kind.LMTP, "LMTP");
    /** Where --lmtp listens when its value leaves a part out; 24 is what Dovecot and others use. */
    private static final String LMTP_HOST = "localhost";
    private static final int LMTP_PORT = 24;
    /** Where --submission listens when its value leaves the port out (RFC 6409). */
    private static final int SUBMISSION_PORT = 587;
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";
    private static final String LOG_LEVEL = "inbound.log.level";
    /** Read by inbound-cli-logback.xml: which console appender it includes, text or json. */
    private static final String LOG_FORMAT = "inbound.log.format";

    /** How the log lines look: for people, or for log shippers. */
    enum LogFormat { TEXT, JSON }

    @Spec
    private CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address and port to listen on, also [IPV6]:PORT or :PORT (default localhost:8025).")
    private ListenAddress listen;

    @Option(names = "--submission", paramLabel = "HOST:PORT",
            description = "Also listen for SMTP here, the submission port, e.g. 0.0.0.0:587; same policies as --listen"
                    + " (a missing host is the --listen host).")
    private ListenAddress submission;

    @Option(names = "--lmtp", paramLabel = "HOST:PORT",
            description = "Also listen for LMTP (RFC 2033) here, e.g. 127.0.0.1:24; without --listen, listen for LMTP only.")
    private ListenAddress lmtp;

    @Option(names = "--handler", paramLabel = "NAME[,NAME...]", defaultValue = "console",
            completionCandidates = HandlerNames.class,
            description = "What to do with each message: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE});"
                    + " several, comma-separated, are asked in turn (maildir,store).")
    private String handler;

    @Option(names = "--handler-option", paramLabel = "KEY=VALUE", split = ",",
            description = "An option for the handler, such as host=mx.example for relay; repeat it, or separate with commas."
                    + " With several handlers, NAME.KEY=VALUE is for handler NAME, any other for the first.")
    private Map<String, String> handlerOptions = new LinkedHashMap<>();

    @Option(names = "--size", paramLabel = "BYTES", converter = ByteSize.class,
            description = "Largest message, with K, M or G for KiB, MiB, GiB; 0 for no limit (default 32M).")
    private Long size;

    @Option(names = "--smtputf8", negatable = true, fallbackValue = "true",
            description = "Offer SMTPUTF8, for international addresses (default on).")
    private Boolean smtpUtf8;

    @Option(names = "--hostname", description = "Name the server gives itself (default this machine's name).")
    private String hostname;

    @Option(names = "--ident", description = "Text after the hostname in the greeting (default Inbound).")
    private String ident;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long a client may take over a command (default 300).")
    private Long timeout;

    @Option(names = "--data-timeout", paramLabel = "SECONDS", description = "How long one message may take to arrive (default 3600).")
    private Long dataTimeout;

    @Option(names = "--min-data-rate", paramLabel = "BYTES_PER_SECOND",
            description = "Slowest average rate at which a message may arrive (default 500).")
    private Long minDataRate;

    @Option(names = "--max-connections", paramLabel = "COUNT", description = "Connections at once (default 1000).")
    private Integer maxConnections;

    @Option(names = "--max-connections-per-ip", paramLabel = "COUNT",
            description = "Connections at once from one address (default 50).")
    private Integer maxConnectionsPerIp;

    @Option(names = "--max-recipients", paramLabel = "COUNT", description = "Recipients per message (default 1000).")
    private Integer maxRecipients;

    @Option(names = "--bare-newline", paramLabel = "normalize|reject",
            description = "What a bare CR or LF in a message leads to: store it as CRLF, or refuse the message"
                    + " (default normalize).")
    private BareNewlinePolicy bareNewline;

    @Option(names = "--received-header", negatable = true, fallbackValue = "true",
            description = "Put a Received header in front of each message (default on).")
    private Boolean receivedHeader;

    @Option(names = "--spool-dir", paramLabel = "DIR", description = "Where messages too big for memory go (default the temp dir).")
    private Path spoolDir;

    @Option(names = "--spool-threshold", paramLabel = "BYTES", converter = ByteSize.class,
            description = "Bytes of a message held in memory before the rest goes to a file (default 1M).")
    private Long spoolThreshold;

    @Mixin
    private TlsOptions tls = new TlsOptions();

    @Mixin
    private AuthOptions auth = new AuthOptions();

    @Mixin
    private ProxyOptions proxy = new ProxyOptions();

    @Mixin
    private JmsOptions jms = new JmsOptions();

    @Mixin
    private HttpOptions http = new HttpOptions();

    @Mixin
    private StoreOptions store = new StoreOptions();

    @Option(names = "--debug", fallbackValue = "true", description = "Log protocol detail.")
    private boolean debug;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Log lines as text, or as one JSON object a line for log shippers (default text).")
    private LogFormat logFormat;

    // Read by OptionDefaults before parsing; declared here for --help and so picocli accepts it.
    @Option(names = "--" + OptionDefaults.CONFIG, paramLabel = "FILE",
            description = "A properties file of options, keys being the long option names.")
    private Path config;

    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile SmtpServer server;
    /** The handlers made, to close; empty before and after. */
    private final AtomicReference<List<Handler>> createdHandlers = new AtomicReference<>(List.of());
    /** The HTTP API when --http is given; made with the handlers, since it serves the store handler's store. */
    private volatile HttpEndpoint httpEndpoint;
    /** Where the server's meters go when a host other than the command line keeps them (the WAR: JMX). */
    private MeterRegistry hostMeterRegistry;
    /** The meters behind /metrics, with --http and no host registry; else null. */
    private PrometheusMeterRegistry prometheus;
    private JvmGcMetrics jvmGc;
    /** What a host other than the command line adds to the handler options (see {@link ConfiguredServer}). */
    private BiFunction<String, Map<String, String>, Map<String, String>> hostHandlerOptions = (name, options) -> options;

    /** A command that takes defaults from {@code environment}, prints its one line to {@code out} and errors to {@code err}. */
    public InboundCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this(environment, System.in, out, err);
    }

    /** As above, with {@code in} as standard input for {@code passwd --password-stdin}. */
    InboundCommand(Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.in = Objects.requireNonNull(in);
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    public static void main(String[] args) {
        // Before the first logger exists, so Logback reads the command's configuration.
        if (System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, "inbound-cli-logback.xml");
        }
        // TLS 1.2 lets a client renegotiate at will, each time costing the server a handshake;
        // no mail client needs it. The JDK reads this once, before its first server handshake.
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
        System.exit(new InboundCommand(System.getenv(), System.out, System.err).execute(args));
    }

    /** Where the started server listens, for people: the SMTP port first, then the others by kind. */
    static String listening(SmtpServer started) {
        StringBuilder text = new StringBuilder();
        Map<Listener.Kind, Iterator<Integer>> ports = new EnumMap<>(Listener.Kind.class);
        for (Listener listener : started.settings().listeners()) {
            int port = ports.computeIfAbsent(listener.kind(), kind -> started.ports(kind).iterator()).next();
            if (!text.isEmpty()) {
                text.append(", ");
            }
            if (listener.kind() != Listener.Kind.SMTP) {
                // "listening for LMTP on ..." when there is no SMTP listener to come first
                text.append(text.isEmpty() ? "for " : "").append(KIND_NAMES.get(listener.kind())).append(' ');
            }
            text.append("on ").append(hostForDisplay(listener.host())).append(':').append(port);
        }
        return text.toString();
    }

    /** Parses {@code args} and runs; returns the exit code: 0 after a stop, 2 for bad options. */
    public int execute(String... args) {
        return parser(args).execute(args);
    }

    /** Parses {@code args} into this command without running it; throws {@link ParameterException} for bad options. */
    InboundCommand parse(String... args) {
        parser(args).parseArgs(args);
        return this;
    }

    private CommandLine parser(String[] args) {
        CommandLine commandLine = new CommandLine(this)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(ListenAddress.class, ListenAddress::parse)
                .registerConverter(ProxyProtocolOption.class, ProxyProtocolOption::parse)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, ignored) -> {
                    PrintWriter err = e.getCommandLine().getErr();
                    err.println("inbound: " + e.getMessage());
                    err.println("Try 'inbound --help' for the options.");
                    return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
                });
        ListenerPolicyOptions.addTo(commandLine.getCommandSpec());
        commandLine.setDefaultValueProvider(new OptionDefaults(commandLine.getCommandSpec(), environment, args));
        // Added after the defaults: INBOUND_* and --config are for the server, not for passwd or health.
        commandLine.addSubcommand("passwd", new PasswdCommand(in, out, err));
        commandLine.addSubcommand("health", new HealthCommand(environment, err));
        return commandLine;
    }

    /** Lets a host other than the command line complete the handler options given the handler's name. */
    InboundCommand hostHandlerOptions(BiFunction<String, Map<String, String>, Map<String, String>> complete) {
        hostHandlerOptions = Objects.requireNonNull(complete);
        return this;
    }

    /** Lets a host other than the command line keep the server's meters (the JVM's are the host's to bind). */
    InboundCommand hostMeterRegistry(MeterRegistry registry) {
        hostMeterRegistry = Objects.requireNonNull(registry);
        return this;
    }

    /** The registry for the server's meters: the host's, or, with --http, a Prometheus one with the JVM's meters; else null. */
    private MeterRegistry meterRegistry() {
        if (hostMeterRegistry != null) {
            return hostMeterRegistry;
        }
        if (http.enabled() && prometheus == null) {
            prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            jvmGc = JvmMeters.bindTo(prometheus);
        }
        return prometheus;
    }

    /**
     * Adds the probes and the metrics to the HTTP API: {@code /livez} and {@code /readyz} never
     * ask for a password (probes cannot log in); {@code /metrics}, served unless a host keeps
     * the meters, does when --http-auth-file is given, as the API does, since it tells about the
     * traffic.
     */
    private void serveHealth(HttpEndpoint endpoint, SmtpServer started) {
        endpoint.openRoute("/livez", ProbeEndpoint.live());
        endpoint.openRoute("/readyz", ProbeEndpoint.ready(started::notReady));
        if (prometheus != null) {
            endpoint.route("/metrics", new MetricsEndpoint(prometheus));
        }
    }

    /** The handler's name, or the names of the handlers in order, comma-separated. */
    String handlerName() {
        return handlers().toString();
    }

    /** The handlers --handler names, with the store added when --http needs one. */
    private HandlerChain handlers() {
        HandlerChain chain = HandlerChain.parse(handler);
        return http.enabled() ? chain.withStore() : chain;
    }

    /** The HTTP API when --http is given, made (routes may be added) once {@link #serverBuilder()} has run. */
    Optional<HttpEndpoint> httpEndpoint() {
        return Optional.ofNullable(httpEndpoint);
    }

    /** The server these options describe, handler included, not yet started. */
    SmtpServer.Builder serverBuilder() {
        try {
            SmtpServer.Builder builder = SmtpServer.builder().handler(createHandler());
            if (listen != null) {
                apply(listen.host(), builder::bind);
                apply(listen.port(), builder::port);
            }
            if (submission != null) {
                builder.submission(Objects.requireNonNullElse(submission.host(),
                        listen == null || listen.host() == null ? "localhost" : listen.host()),
                        Objects.requireNonNullElse(submission.port(), SUBMISSION_PORT));
            }
            if (lmtp != null) {
                builder.lmtp(Objects.requireNonNullElse(lmtp.host(), LMTP_HOST),
                        Objects.requireNonNullElse(lmtp.port(), LMTP_PORT));
            }
            apply(size, builder::maxMessageSize);
            apply(smtpUtf8, builder::smtpUtf8);
            apply(hostname, builder::hostname);
            apply(ident, builder::ident);
            apply(timeout, seconds -> builder.idleTimeout(Duration.ofSeconds(seconds)));
            apply(dataTimeout, seconds -> builder.dataTimeout(Duration.ofSeconds(seconds)));
            apply(minDataRate, builder::minDataRate);
            apply(maxConnections, builder::maxConnections);
            apply(maxConnectionsPerIp, builder::maxConnectionsPerIp);
            apply(maxRecipients, builder::maxRecipients);
            apply(bareNewline, builder::bareNewline);
            apply(receivedHeader, builder::receivedHeader);
            apply(spoolDir, builder::spoolDirectory);
            apply(spoolThreshold, bytes -> builder.spoolThreshold(intBytes("--spool-threshold", bytes)));
            tls.applyTo(builder);
            auth.applyTo(builder);
            proxy.applyTo(builder);
            ListenerPolicyOptions.applyTo(spec, builder);
            http.check();
            MeterRegistry meters = meterRegistry();
            if (meters != null) {
                builder.events(new MicrometerEvents(meters, handlerName()));
            }
            return builder;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Handler createHandler() {
        HandlerChain chain = handlers();
        if (http.enabled() && !HandlerChain.parse(handler).hasStore()) {
            LoggerFactory.getLogger(InboundCommand.class).info("--http: the store handler is added after {}", handler);
        }
        List<Handler> created = new ArrayList<>();
        try {
            for (String name : chain.names()) {
                Map<String, String> options = store.addTo(name, jms.addTo(name, chain.optionsFor(name, handlerOptions)));
                Handler made = HandlerFactory.named(name).create(hostHandlerOptions.apply(name, options));
                if (made instanceof StoreHandler stored) {
                    if (!created.isEmpty()) {
                        made = stored.behindOthers(); // what the handlers before it took must not get a 552 now
                    }
                    if (http.enabled()) {
                        httpEndpoint = http.endpoint(stored.store());
                    }
                }
                created.add(made);
            }
        } finally {
            createdHandlers.set(List.copyOf(created)); // those made before one failed are closed too
        }
        return created.size() == 1 ? created.get(0) : Handlers.all(created.toArray(Handler[]::new));
    }

    /**
     * Starts the HTTP API, if --http is given, with the probes and metrics of {@code started};
     * throws IOException when its port cannot be bound.
     */
    void startHttp(SmtpServer started) throws IOException {
        if (httpEndpoint != null) {
            serveHealth(httpEndpoint, started);
            httpEndpoint.start();
        }
    }

    /** Frees what the handlers hold (a broker connection, say), once, after the server has stopped; stops the HTTP API. */
    void closeHandler() {
        HttpEndpoint endpoint = httpEndpoint;
        if (endpoint != null) {
            endpoint.stop();
        }
        JvmGcMetrics gc = jvmGc;
        jvmGc = null;
        if (gc != null) {
            gc.close();
        }
        for (Handler made : createdHandlers.getAndSet(List.of())) {
            if (made instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    err.println("inbound: closing handler " + made + " failed: " + e);
                }
            }
        }
    }

    private static int intBytes(String option, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be less than 2G: " + bytes);
        }
        return (int) bytes;
    }

    /** Sets what the user gave; leaves the server's default where nothing was. */
    static <T> void apply(T value, Consumer<T> setting) {
        if (value != null) {
            setting.accept(value);
        }
    }

    /** Starts the server, prints where it listens, and waits for {@link #stop()}. */
    @Override
    public Integer call() throws InterruptedException {
        if (debug) {
            System.setProperty(LOG_LEVEL, "DEBUG");
        }
        if (logFormat != null) {
            System.setProperty(LOG_FORMAT, logFormat.name().toLowerCase(Locale.ROOT));
        }
        SmtpServer started;
        try {
            started = serverBuilder().build();
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerSettings settings = started.settings();
        // Not a static field: Logback must not start before main() has pointed it at its configuration.
        LoggerFactory.getLogger(InboundCommand.class).debug("{}", settings);
        try {
            started.start();
        } catch (IOException e) {
            closeHandler();
            err.println("inbound: cannot listen on " + settings.listeners().stream()
                    .map(l -> l.host() + ":" + l.port()).collect(Collectors.joining(" or ")) + ": " + e.getMessage());
            return 1;
        } catch (UncheckedIOException | IllegalStateException badKeys) {
            err.println("inbound: " + badKeys.getMessage());
            closeHandler();
            return 1;
        }
        try {
            startHttp(started);
        } catch (IOException e) {
            err.println("inbound: cannot serve HTTP on " + httpEndpoint.host() + ": " + e.getMessage());
            started.stop();
            closeHandler();
            return 1;
        }
        server = started;
        Thread hook = new Thread(this::stop, "inbound-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Inbound " + InboundVersion.version() + " listening " + listening(started)
                + " with handler " + handlerName() + httpEndpoint().map(h -> ", HTTP API on "
                        + hostForDisplay(h.host()) + ":" + h.port()).orElse(""));
        out.flush();
        try {
            stopRequested.await();
        } finally {
            started.stop(); // a no-op when stop() got there first
            closeHandler();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us; the JVM is on its way out
            }
        }
        return 0;
    }

    /** Stops the server gracefully and lets {@link #call()} return; what SIGTERM and SIGINT do. */
    public void stop() {
        SmtpServer running = server;
        if (running != null) {
            running.stop();
            closeHandler(); // here too: after a shutdown hook's stop() the JVM may not wait for call()
        }
        stopRequested.countDown();
    }

    private static String hostForDisplay(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** The handler names for {@code --help}: whatever factories are on the class path. */
    static final class HandlerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return HandlerFactory.available().keySet().iterator();
        }
    }
}

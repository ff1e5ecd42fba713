package dev.inbound.cli;

import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.config.ConfiguredServer;
import dev.inbound.smtp.config.HandlerDefaults;
import dev.inbound.smtp.config.OptionSection;
import dev.inbound.smtp.config.ServerConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code inbound} command: runs an SMTP server with a named handler until SIGTERM or SIGINT.
 *
 * <pre>{@code
 * inbound --listen 127.0.0.1:2525 --handler relay --relay-host mx.example --size 10M
 * }</pre>
 *
 * <p>Its options are the server's ({@link ServerConfiguration}), each handler's, and the
 * command's own (HTTP, logging). One left off the command line comes from the {@code INBOUND_*}
 * environment, then from the {@code --config} file, then from the option's default.
 */
@Command(name = "inbound", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Receives mail over SMTP or LMTP and hands each message to a handler.",
            "Every option can also be set as INBOUND_<OPTION> in the environment (INBOUND_MAX_CONNECTIONS=10)"
                    + " or as <option>=<value> in the --config file (max-connections=10);"
                    + " the command line wins over the environment, the environment over the file."})
public final class InboundCommand implements Callable<Integer> {
    private static final String LOGBACK_CONFIG = "logback.configurationFile";
    private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";
    /** The command's own options, beside the server's. */
    private static final List<OptionSection> OWN = List.of(HttpApi.SECTION, LogOptions.SECTION);

    @Spec
    private CommandSpec spec;

    private final OptionFlags flags;
    private final Map<String, String> environment;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** What runs while the command runs; null before and after. */
    private final AtomicReference<Running> running = new AtomicReference<>();

    /** A server and the HTTP API beside it, if any. */
    private record Running(ConfiguredServer inbound, Optional<HttpApi> http) {
        void stop() {
            inbound.close(); // the server first: the API answers while messages in transfer finish
            http.ifPresent(HttpApi::stop);
        }
    }

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
        List<OptionSection> sections = new ArrayList<>(ServerConfiguration.sections());
        sections.addAll(OWN);
        this.flags = new OptionFlags(sections);
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
        int exit = new InboundCommand(System.getenv(), System.out, System.err).execute(args);
        LogOptions.flush();
        System.exit(exit);
    }

    /** Parses {@code args} and runs; returns the exit code: 0 after a stop, 1 when it cannot listen, 2 for bad options. */
    public int execute(String... args) {
        return parser().execute(args);
    }

    /** Parses {@code args} into this command without running it; throws {@link ParameterException} for bad flags. */
    InboundCommand parse(String... args) {
        parser().parseArgs(args);
        return this;
    }

    private CommandLine parser() {
        CommandLine commandLine = new CommandLine(this)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler((e, ignored) -> {
                    PrintWriter err = e.getCommandLine().getErr();
                    err.println("inbound: " + e.getMessage());
                    err.println("Try 'inbound --help' for the options.");
                    return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
                });
        CommandSpec commandSpec = commandLine.getCommandSpec();
        commandSpec.versionProvider(() -> new String[] {"Inbound " + SmtpServer.version()});
        flags.addTo(commandSpec);
        commandLine.addSubcommand("passwd", new PasswdCommand(in, out, err));
        commandLine.addSubcommand("health", new HealthCommand(environment, err));
        return commandLine;
    }

    /**
     * What the command line, the environment and the config file describe, in that order of
     * precedence; throws {@link IllegalArgumentException} for unknown options and bad values.
     */
    ServerConfiguration configuration() {
        return ServerConfiguration.builder()
                .source("the command line", flags.given(spec.commandLine().getParseResult()))
                .environment(environment)
                .hostOptions(OWN)
                .read();
    }

    /** Starts the server, prints where it listens, and waits for {@link #stop()}. */
    @Override
    public Integer call() throws InterruptedException {
        ConfiguredServer inbound;
        Optional<HttpApi> http;
        try {
            ServerConfiguration configuration = configuration();
            LogOptions.apply(configuration);
            http = HttpApi.of(configuration);
            if (http.isPresent()) {
                configuration = HttpApi.withStore(configuration);
            }
            String handlerName = String.join(",", configuration.handlerNames());
            ServerEvents events = http.map(api -> api.events(handlerName)).orElse(ServerEvents.NONE);
            inbound = configuration.build(events, HandlerDefaults.NONE);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (!start(inbound, http)) {
            return 1;
        }
        running.set(new Running(inbound, http));
        Thread hook = new Thread(() -> {
            stop();
            LogOptions.flush(); // SIGTERM: main() may not get to its own flush before the JVM halts
        }, "inbound-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Inbound " + SmtpServer.version() + " listening " + inbound.listening() + " with handler "
                + inbound.handlerName() + http.map(api -> ", HTTP API on " + api.address()).orElse(""));
        out.flush();
        try {
            stopRequested.await();
        } finally {
            stop(); // a no-op when stop() got there first
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us; the JVM is on its way out
            }
        }
        return 0;
    }

    /** Starts the server, then the HTTP API; false, with the reason printed and everything closed again, when one cannot. */
    private boolean start(ConfiguredServer inbound, Optional<HttpApi> http) {
        // Not a static field: Logback must not start before LogOptions has set its properties.
        LoggerFactory.getLogger(InboundCommand.class).debug("{}", inbound.server().settings());
        try {
            inbound.start();
        } catch (IOException e) {
            err.println("inbound: cannot listen on " + inbound.server().settings().listeners().stream()
                    .map(l -> l.host() + ":" + l.port()).collect(Collectors.joining(" or ")) + ": " + e.getMessage());
            http.ifPresent(HttpApi::stop);
            return false;
        } catch (UncheckedIOException | IllegalStateException badKeys) {
            err.println("inbound: " + badKeys.getMessage());
            http.ifPresent(HttpApi::stop);
            return false;
        }
        if (http.isPresent()) {
            try {
                http.get().start(inbound);
            } catch (IOException e) {
                err.println("inbound: cannot serve HTTP on " + http.get().address() + ": " + e.getMessage());
                new Running(inbound, http).stop();
                return false;
            }
        }
        return true;
    }

    /** Stops the server gracefully, then the HTTP API, and lets {@link #call()} return; what SIGTERM and SIGINT do. */
    public void stop() {
        Running stopping = running.getAndSet(null);
        if (stopping != null) {
            stopping.stop(); // here too: after a shutdown hook's stop() the JVM may not wait for call()
        }
        stopRequested.countDown();
    }
}

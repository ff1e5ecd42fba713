package dev.inbound.cli;

import dev.inbound.smtp.SmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The server the {@code inbound} command would run, made from option values in a map instead of
 * a command line, for hosts such as the WAR that read them from their own configuration. Keys
 * are the command's long option names ({@code listen}, {@code handler}, {@code handler-option},
 * {@code size}, ...), values are written as on the command line (flags take {@code true} or
 * {@code false}). The same options, conversions and checks apply as for the command; the map
 * takes the command line's place, so it wins over {@code INBOUND_*} variables in
 * {@code environment}, which win over the file named by {@code config}.
 *
 * <pre>{@code
 * try (ConfiguredServer inbound = ConfiguredServer.of(
 *         Map.of("listen", "127.0.0.1:2525", "handler", "maildir", "handler-option", "root=/var/mail"),
 *         System.getenv())) {
 *     inbound.start();
 *     // ... until the host stops
 * }
 * }</pre>
 */
public final class ConfiguredServer implements AutoCloseable {
    /** Options that belong to the command's process, not to a server a host runs. */
    private static final Set<String> COMMAND_ONLY = Set.of("help", "version", "debug");

    private final InboundCommand command;
    private final SmtpServer server;
    private final String handler;

    private ConfiguredServer(InboundCommand command, SmtpServer server, String handler) {
        this.command = command;
        this.server = server;
        this.handler = handler;
    }

    /** As {@link #of(Map, Map, BiFunction)}, with the handler options as given. */
    public static ConfiguredServer of(Map<String, String> options, Map<String, String> environment) {
        return of(options, environment, (name, handlerOptions) -> handlerOptions);
    }

    /**
     * The server {@code options} describe, built (its handler made) but not started.
     *
     * @param handlerOptions gets the handler's name and its options as configured, and returns
     *     the options to create it with: where a host adds defaults of its own
     * @throws IllegalArgumentException for an unknown option or a bad value, in the words the
     *     command uses
     */
    public static ConfiguredServer of(Map<String, String> options, Map<String, String> environment,
            BiFunction<String, Map<String, String>, Map<String, String>> handlerOptions) {
        return of(options, environment, handlerOptions, null);
    }

    /**
     * As {@link #of(Map, Map, BiFunction)}, the server's meters going to {@code meters} (the
     * WAR's JMX registry), none when it is null.
     */
    public static ConfiguredServer of(Map<String, String> options, Map<String, String> environment,
            BiFunction<String, Map<String, String>, Map<String, String>> handlerOptions, MeterRegistry meters) {
        requireKnown(options.keySet());
        Map<String, String> effective = new HashMap<>(environment);
        options.forEach((key, value) -> effective.put(OptionDefaults.variable(key), value));
        InboundCommand command = new InboundCommand(effective, System.out, System.err).hostHandlerOptions(handlerOptions);
        if (meters != null) {
            command.hostMeterRegistry(meters);
        }
        try {
            command.parse();
            SmtpServer server = command.serverBuilder().build();
            return new ConfiguredServer(command, server, command.handlerName());
        } catch (RuntimeException e) {
            command.closeHandler(); // made before a later option (or another handler's factory) failed
            if (e instanceof ParameterException || e instanceof IllegalStateException) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static void requireKnown(Set<String> keys) {
        CommandSpec spec = CommandSpec.forAnnotatedObject(new InboundCommand(Map.of(), System.out, System.err));
        ListenerPolicyOptions.addTo(spec);
        Set<String> known = spec.options().stream()
                .map(OptionDefaults::key)
                .filter(key -> !COMMAND_ONLY.contains(key))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unknown = new TreeSet<>(keys);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option " + String.join(", ", unknown)
                    + "; the options are " + String.join(", ", known));
        }
    }

    /** Binds the ports (the HTTP API's too, with {@code http}); returns when clients can connect. On failure the handler is closed again. */
    public void start() throws IOException {
        try {
            server.start();
            command.startHttp(server);
        } catch (IOException | RuntimeException e) {
            server.stop();
            command.closeHandler();
            throw e;
        }
    }

    /** The server, for its ports and settings. */
    public SmtpServer server() {
        return server;
    }

    /** The port of the HTTP API once started, when option {@code http} is given. */
    public OptionalInt httpPort() {
        return command.httpEndpoint().map(endpoint -> OptionalInt.of(endpoint.port())).orElse(OptionalInt.empty());
    }

    /** The name of the handler, such as {@code jms}, or the handlers' names, comma-separated. */
    public String handlerName() {
        return handler;
    }

    /** Where the started server listens, as the command prints it: {@code on 127.0.0.1:2525, LMTP on ...}. */
    public String listening() {
        return InboundCommand.listening(server);
    }

    /** Stops the server gracefully, then the HTTP API, then closes the handler (a broker connection, say). */
    @Override
    public void close() {
        server.stop();
        command.closeHandler();
    }
}

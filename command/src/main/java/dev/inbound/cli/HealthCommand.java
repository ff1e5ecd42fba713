package dev.inbound.cli;

import dev.inbound.smtp.SmtpCheck;
import dev.inbound.smtp.config.ConfiguredServer;
import dev.inbound.smtp.config.ListenAddress;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inbound health}: when the server serves HTTP ({@code INBOUND_HTTP} is set, or
 * {@code --http} given), asks its {@code /readyz} and exits 0 on 200 only, so that a handler
 * that cannot deliver (broker down, disk full) makes the server unhealthy; otherwise opens an
 * SMTP (or LMTP) session, expects the 220 greeting and a 250 to EHLO (or LHLO), says QUIT, and
 * exits 0. Anything else exits 1 with one line on standard error (see {@link SmtpCheck} and
 * {@link ReadinessCheck}). It is the Docker image's {@code HEALTHCHECK}, so it needs nothing but
 * the JDK: no curl, no shell.
 *
 * <pre>{@code
 * inbound health                       # INBOUND_HTTP's /readyz, else INBOUND_LISTEN's port, or localhost:8025
 * inbound health --lmtp                # INBOUND_LMTP's port, or localhost:24, with LHLO
 * inbound health --host mx.example --port 25 --timeout 3
 * inbound health --http http://127.0.0.1:8080
 * }</pre>
 *
 * <p>Without {@code --host} and {@code --port} it checks where the server in the same
 * environment listens, a wildcard address (0.0.0.0, ::) meaning loopback.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Checks that a server answers: 220 greeting, 250 to EHLO (or LHLO). Exit 0 if so, else 1.")
final class HealthCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Server to check (default: the host of INBOUND_LISTEN, or localhost).")
    private String host;

    @Option(names = "--port", description = "Port to check (default: the port of INBOUND_LISTEN, or 8025).")
    private Integer port;

    @Option(names = "--lmtp", description = "Speak LMTP (LHLO); defaults then come from INBOUND_LMTP, or localhost:24.")
    private boolean lmtp;

    @Option(names = "--http", paramLabel = "URL",
            description = "Ask this HTTP server's /readyz instead of speaking SMTP: http://HOST:PORT, or HOST:PORT"
                    + " (default: INBOUND_HTTP when set; ignored with --host, --port or --lmtp).")
    private String http;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Give up after this long, connection included (default ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    private final Map<String, String> environment;
    private final PrintStream err;

    HealthCommand(Map<String, String> environment, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.err = Objects.requireNonNull(err);
    }

    @Override
    public Integer call() {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        Optional<URI> readyz = readyz();
        if (readyz.isPresent()) {
            return ReadinessCheck.problem(readyz.get(), timeout).map(reason -> {
                err.println("inbound health: " + readyz.get() + ": " + reason);
                return 1;
            }).orElse(0);
        }
        InetSocketAddress target = target();
        return SmtpCheck.problem(target, lmtp, timeout)
                .map(reason -> unhealthy(target, reason))
                .orElse(0);
    }

    private int unhealthy(InetSocketAddress target, String reason) {
        err.println("inbound health: " + target.getHostString() + ":" + target.getPort() + ": " + reason);
        return 1;
    }

    /**
     * The /readyz to ask: --http, else INBOUND_HTTP, unless an SMTP or LMTP check was asked
     * for with --host, --port or --lmtp.
     */
    private Optional<URI> readyz() {
        if (host != null || port != null || lmtp) {
            return Optional.empty();
        }
        String configured = http != null ? http : environment.get("INBOUND_HTTP");
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        String base = configured.trim();
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            ListenAddress address = ListenAddress.parse(base);
            String where = loopbackFor(address.host());
            base = "http://" + ConfiguredServer.forDisplay(where) + ":" + address.portOr(8080);
        }
        return Optional.of(URI.create(base.replaceAll("/+$", "") + "/readyz"));
    }

    /** Where to check: the options, else where this environment's server listens. */
    private InetSocketAddress target() {
        String variable = lmtp ? "INBOUND_LMTP" : "INBOUND_LISTEN";
        String configured = environment.get(variable);
        ListenAddress listening = configured == null || configured.isBlank()
                ? new ListenAddress(null, null) : ListenAddress.parse(configured.trim());
        String chosenHost = host != null ? host : loopbackFor(listening.host());
        int chosenPort = port != null ? port : listening.portOr(lmtp ? 24 : 8025);
        return new InetSocketAddress(chosenHost, chosenPort);
    }

    /** A server bound to every address is reachable on loopback; checking there needs no DNS. */
    private static String loopbackFor(String listenHost) {
        if (listenHost == null || listenHost.equals("0.0.0.0")) {
            return listenHost == null ? "localhost" : "127.0.0.1";
        }
        return listenHost.equals("::") || listenHost.equals("0:0:0:0:0:0:0:0") ? "::1" : listenHost;
    }
}

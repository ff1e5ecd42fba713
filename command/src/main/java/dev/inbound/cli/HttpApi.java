package dev.inbound.cli;

import dev.inbound.http.HttpEndpoint;
import dev.inbound.http.MessagesApi;
import dev.inbound.http.MetricsEndpoint;
import dev.inbound.http.ProbeEndpoint;
import dev.inbound.micrometer.JvmMeters;
import dev.inbound.micrometer.MicrometerEvents;
import dev.inbound.smtp.PasswordFileAuthenticator;
import dev.inbound.smtp.ServerEvents;
import dev.inbound.smtp.config.ConfiguredServer;
import dev.inbound.smtp.config.ListenAddress;
import dev.inbound.smtp.config.OptionSection;
import dev.inbound.smtp.config.ServerConfiguration;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.store.StoreHandler;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API the command serves with {@code --http}: the received messages (from the store
 * handler, added to the chain when {@code --handler} lacks it) under {@code /api/}, the probes
 * {@code /livez} and {@code /readyz}, and the Prometheus {@code /metrics}, with the JVM's meters.
 * With {@code --http-auth-file} it asks for HTTP basic authentication, except on the probes,
 * which cannot log in.
 */
final class HttpApi {
    static final OptionSpec<ListenAddress> HTTP = OptionSpec.of("http", "HOST:PORT",
            "Serve the HTTP API to read received mail here, e.g. 127.0.0.1:8080 (default off; a missing host is"
                    + " localhost, a missing port 8080). Adds the store handler if --handler lacks it.",
            ListenAddress::parse);
    static final OptionSpec<Path> AUTH_FILE = OptionSpec.path("http-auth-file",
            "Ask for HTTP basic authentication on the API, checked against this password file (see 'inbound passwd');"
                    + " /livez and /readyz stay open.").label("FILE");
    static final OptionSection SECTION = new OptionSection("HTTP API", List.of(HTTP, AUTH_FILE));

    private static final String STORE = "store";
    private static final String HOST = "localhost";
    private static final int PORT = 8080;

    private final HttpEndpoint endpoint;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics jvmGc = JvmMeters.bindTo(meters);

    private HttpApi(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The API the configuration asks for, not yet started; empty without --http. */
    static Optional<HttpApi> of(ServerConfiguration configuration) {
        ListenAddress address = configuration.get(HTTP);
        Path authFile = configuration.get(AUTH_FILE);
        if (address == null) {
            if (authFile != null) {
                throw new IllegalArgumentException("--http-auth-file needs --http");
            }
            return Optional.empty();
        }
        HttpEndpoint endpoint = new HttpEndpoint(address.hostOr(HOST), address.portOr(PORT));
        if (authFile != null) {
            PasswordFileAuthenticator users;
            try {
                users = new PasswordFileAuthenticator(authFile);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read --http-auth-file " + authFile + ": " + e.getCause());
            }
            endpoint.basicAuth((user, password) -> users.authenticate(null, user, password).isPresent());
        }
        return Optional.of(new HttpApi(endpoint));
    }

    /** {@code configuration} with the store last in the chain, unless it has one, for the API to read. */
    static ServerConfiguration withStore(ServerConfiguration configuration) {
        if (!configuration.handlerNames().contains(STORE)) {
            LoggerFactory.getLogger(HttpApi.class).info("--http: the store handler is added after {}",
                    String.join(",", configuration.handlerNames()));
        }
        return configuration.withHandler(STORE);
    }

    /** What records the server's meters for {@code /metrics}. */
    ServerEvents events(String handlerName) {
        return new MicrometerEvents(meters, handlerName);
    }

    /** Serves the API of {@code inbound}, which has the store; throws IOException when the port cannot be bound. */
    void start(ConfiguredServer inbound) throws IOException {
        StoreHandler store = inbound.handlers().stream().filter(StoreHandler.class::isInstance)
                .map(StoreHandler.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("the HTTP API needs the store handler"));
        endpoint.route(MessagesApi.PATH, new MessagesApi(store.store()));
        endpoint.openRoute("/livez", ProbeEndpoint.live());
        endpoint.openRoute("/readyz", ProbeEndpoint.ready(inbound.server()::notReady));
        endpoint.route("/metrics", new MetricsEndpoint(meters));
        endpoint.start();
    }

    /** Where it listens, once started: {@code localhost:8080}. */
    String address() {
        return ConfiguredServer.forDisplay(endpoint.host()) + ":" + endpoint.port();
    }

    void stop() {
        endpoint.stop();
        jvmGc.close();
    }
}

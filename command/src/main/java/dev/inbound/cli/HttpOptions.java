package dev.inbound.cli;

import dev.inbound.http.HttpEndpoint;
import dev.inbound.http.MessagesApi;
import dev.inbound.smtp.auth.PasswordFileAuthenticator;
import dev.inbound.store.MessageStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.Option;

/** The {@code inbound} command's HTTP options: where the HTTP API listens, and who may use it. */
final class HttpOptions {
    private static final String HOST = "localhost";
    private static final int PORT = 8080;

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "Serve the HTTP API to read received mail here, e.g. 127.0.0.1:8080 (default off;"
                    + " a missing host is localhost, a missing port 8080). Adds the store handler if --handler lacks it.")
    private ListenAddress address;

    @Option(names = "--http-auth-file", paramLabel = "FILE",
            description = "Ask for HTTP basic authentication on the API, checked against this password file"
                    + " (see 'inbound passwd'); /livez and /readyz stay open.")
    private Path authFile;

    boolean enabled() {
        return address != null;
    }

    /** The endpoint these options describe, serving {@code store} under {@code /api/}, not yet started. */
    HttpEndpoint endpoint(MessageStore store) {
        if (!enabled()) {
            throw new IllegalStateException("--http is not given");
        }
        HttpEndpoint endpoint = new HttpEndpoint(Objects.requireNonNullElse(address.host(), HOST),
                Objects.requireNonNullElse(address.port(), PORT));
        if (authFile != null) {
            PasswordFileAuthenticator users;
            try {
                users = new PasswordFileAuthenticator(authFile);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read --http-auth-file " + authFile + ": " + e.getCause());
            }
            endpoint.basicAuth((user, password) -> users.authenticate(null, user, password).isPresent());
        }
        return endpoint.route(MessagesApi.PATH, new MessagesApi(store));
    }

    /** Fails when --http-auth-file is given without --http, where it would silently do nothing. */
    void check() {
        if (authFile != null && !enabled()) {
            throw new IllegalArgumentException("--http-auth-file needs --http");
        }
    }
}

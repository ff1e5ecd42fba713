package dev.inbound.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A health probe, in the words of Kubernetes: {@code 200} with the text {@code ok} when
 * healthy, {@code 503} with {@code not ready: REASON} when not, always {@code text/plain}. Plain
 * text, not JSON, so that a person with curl and a probe that only reads the status both get
 * what they need.
 *
 * <pre>{@code
 * http.openRoute("/livez", ProbeEndpoint.live());
 * http.openRoute("/readyz", ProbeEndpoint.ready(server::notReady));
 * }</pre>
 */
public final class ProbeEndpoint implements HttpHandler {
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Supplier<Optional<String>> notReady;

    private ProbeEndpoint(Supplier<Optional<String>> notReady) {
        this.notReady = notReady;
    }

    /** Liveness: answers 200 as long as the process serves HTTP at all. */
    public static ProbeEndpoint live() {
        return new ProbeEndpoint(Optional::empty);
    }

    /** Readiness: 503 with the reason while {@code notReady} gives one, else 200. */
    public static ProbeEndpoint ready(Supplier<Optional<String>> notReady) {
        return new ProbeEndpoint(notReady);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!TextResponse.readOnly(exchange)) {
            return;
        }
        Optional<String> reason;
        try {
            reason = notReady.get();
        } catch (RuntimeException e) {
            reason = Optional.of("readiness check failed: " + e);
        }
        if (reason.isPresent()) {
            TextResponse.send(exchange, 503, TEXT, "not ready: " + reason.get() + "\n");
        } else {
            TextResponse.send(exchange, 200, TEXT, "ok\n");
        }
    }
}

package dev.inbound.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;

/**
 * {@code GET /metrics}: the registry's meters in the Prometheus text format (version 0.0.4), or
 * in OpenMetrics text when the {@code Accept} header asks for {@code application/openmetrics-text},
 * as Prometheus itself does.
 *
 * <pre>{@code
 * http.route("/metrics", new MetricsEndpoint(prometheusRegistry));
 * }</pre>
 */
public final class MetricsEndpoint implements HttpHandler {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!TextResponse.readOnly(exchange)) {
            return;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? OPEN_METRICS : PROMETHEUS_TEXT;
        TextResponse.send(exchange, 200, contentType, registry.scrape(contentType));
    }
}

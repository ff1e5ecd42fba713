package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.micrometer.PrometheusText;
import dev.inbound.smtp.PasswordFileAuthenticator;
import dev.inbound.smtp.SmtpTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command with --http: /livez, /readyz and /metrics after known traffic, and {@code inbound health} on /readyz. */
class HealthAndMetricsCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void metricsCountTheTrafficAndTheProbesAnswer() throws Exception {
        try (RunningInbound inbound = RunningInbound.start("--handler", "sink")) {
            try (SmtpTestClient client = new SmtpTestClient(inbound.smtpPort).greet()) {
                for (int i = 0; i < 2; i++) {
                    assertThat(client.startData().endData("Subject: " + i + "\r\n\r\nhello\r\n")).startsWith("250 ");
                }
                assertThat(client.command("QUIT")).startsWith("221 ");
            }

            HttpResponse<String> metrics = get(inbound.http("/metrics"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText parsed = PrometheusText.parse(metrics.body());
            assertThat(parsed.value("inbound_messages_total", "result", "accepted", "reply", "2xx")).isEqualTo(2);
            assertThat(parsed.value("inbound_connections_total", "kind", "smtp", "outcome", "accepted")).isEqualTo(1);
            assertThat(parsed.value("inbound_delivery_seconds_count", "handler", "sink,store", "outcome", "accepted"))
                    .isEqualTo(2);
            assertThat(parsed.has("jvm_memory_used_bytes")).isTrue();
            assertThat(parsed.has("jvm_gc_memory_allocated_bytes_total")).isTrue();

            HttpResponse<String> openMetrics = HTTP.send(HttpRequest.newBuilder(inbound.http("/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(openMetrics.body()).contains("inbound_messages_total{").endsWith("# EOF\n");

            assertThat(get(inbound.http("/livez"))).satisfies(live -> {
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(live.body()).isEqualTo("ok\n");
            });
            assertThat(get(inbound.http("/readyz")).statusCode()).isEqualTo(200);
            assertThat(HTTP.send(HttpRequest.newBuilder(inbound.http("/readyz")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

            String base = "http://127.0.0.1:" + inbound.httpPort;
            assertThat(RunningInbound.health(Map.of(), "--http", base)).isZero();
            assertThat(RunningInbound.health(Map.of("INBOUND_HTTP", "0.0.0.0:" + inbound.httpPort))).isZero();
        }
    }

    @Test
    void behindBasicAuthTheProbesStayOpenAndMetricsAskForAPassword() throws Exception {
        Path users = dir.resolve("http-users");
        PasswordFileAuthenticator.setPassword(users, "prometheus", "scrape-secret");
        try (RunningInbound inbound = RunningInbound.start("--handler", "sink", "--http-auth-file", users.toString())) {
            assertThat(get(inbound.http("/metrics")).statusCode()).isEqualTo(401);
            HttpResponse<String> authorized = HTTP.send(HttpRequest.newBuilder(inbound.http("/metrics"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "prometheus:scrape-secret".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(authorized.statusCode()).isEqualTo(200);
            assertThat(PrometheusText.parse(authorized.body()).has("inbound_messages_total")).isTrue();
            assertThat(get(inbound.http("/livez")).statusCode()).isEqualTo(200);
            assertThat(get(inbound.http("/readyz")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthFailsOnceTheServerIsGone() throws Exception {
        int httpPort;
        try (RunningInbound inbound = RunningInbound.start("--handler", "sink")) {
            httpPort = inbound.httpPort;
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(RunningInbound.health(Map.of("INBOUND_HTTP", "127.0.0.1:" + httpPort), err, "--timeout", "2")).isOne();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("inbound health: http://127.0.0.1:" + httpPort
                + "/readyz: no answer");
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

}

package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.auth.PasswordFileAuthenticator;
import dev.inbound.smtp.metrics.PrometheusText;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command with --http: /livez, /readyz and /metrics after known traffic, and {@code inbound health} on /readyz. */
class HealthAndMetricsCommandTest {
    private static final Pattern STARTED = Pattern.compile(
            "Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) with handler \\S+, HTTP API on 127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void metricsCountTheTrafficAndTheProbesAnswer() throws Exception {
        try (Running inbound = Running.start("--handler", "sink")) {
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
            assertThat(health(Map.of(), "--http", base)).isZero();
            assertThat(health(Map.of("INBOUND_HTTP", "0.0.0.0:" + inbound.httpPort))).isZero();
        }
    }

    @Test
    void behindBasicAuthTheProbesStayOpenAndMetricsAskForAPassword() throws Exception {
        Path users = dir.resolve("http-users");
        PasswordFileAuthenticator.setPassword(users, "prometheus", "scrape-secret");
        try (Running inbound = Running.start("--handler", "sink", "--http-auth-file", users.toString())) {
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
        try (Running inbound = Running.start("--handler", "sink")) {
            httpPort = inbound.httpPort;
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(health(Map.of("INBOUND_HTTP", "127.0.0.1:" + httpPort), err, "--timeout", "2")).isOne();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("inbound health: http://127.0.0.1:" + httpPort
                + "/readyz: no answer");
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int health(Map<String, String> environment, String... args) {
        return health(environment, new ByteArrayOutputStream(), args);
    }

    static int health(Map<String, String> environment, ByteArrayOutputStream err, String... args) {
        List<String> command = new ArrayList<>(List.of("health"));
        command.addAll(List.of(args));
        return new InboundCommand(environment, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(command.toArray(String[]::new));
    }

    /** The command running in this JVM with --http on a free port, until closed. */
    static final class Running implements AutoCloseable {
        final InboundCommand command;
        final CompletableFuture<Integer> exit;
        final int smtpPort;
        final int httpPort;

        private Running(InboundCommand command, CompletableFuture<Integer> exit, int smtpPort, int httpPort) {
            this.command = command;
            this.exit = exit;
            this.smtpPort = smtpPort;
            this.httpPort = httpPort;
        }

        static Running start(String... options) throws Exception {
            PipedInputStream printed = new PipedInputStream();
            PrintStream out = new PrintStream(new PipedOutputStream(printed), true, StandardCharsets.UTF_8);
            InboundCommand command = new InboundCommand(Map.of(), out, System.err);
            List<String> args = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--http", "127.0.0.1:0"));
            args.addAll(List.of(options));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> command.execute(args.toArray(String[]::new)));
            BufferedReader lines = new BufferedReader(new InputStreamReader(printed, StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String started = first.get(20, TimeUnit.SECONDS);
            Matcher ports = STARTED.matcher(started);
            assertThat(ports.matches()).as(started).isTrue();
            return new Running(command, exit, Integer.parseInt(ports.group(1)), Integer.parseInt(ports.group(2)));
        }

        URI http(String path) {
            return URI.create("http://127.0.0.1:" + httpPort + path);
        }

        @Override
        public void close() throws Exception {
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
    }
}

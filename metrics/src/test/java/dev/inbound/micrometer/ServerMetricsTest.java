package dev.inbound.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Known traffic against a metered server, then its Prometheus scrape parsed and every counter
 * checked to the unit.
 */
class ServerMetricsTest {
    /** Refuses by recipient: {@code full@} gets 554 after the data, {@code busy@} 451. */
    private static final Handler REFUSING = new Handler() {
        @Override
        public Reply onData(Session session, Envelope envelope) {
            String rcpt = envelope.rcptTos().get(0);
            return rcpt.startsWith("full@") ? Reply.of(554, "5.2.2", "mailbox full")
                    : rcpt.startsWith("busy@") ? Reply.of(451, "4.3.0", "try later") : null;
        }
    };
    private static final String MESSAGE = "Subject: metered\r\n\r\nbody\r\n";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void countsKnownTrafficExactly() throws Exception {
        try (JvmGcMetrics gc = JvmMeters.bindTo(registry);
                TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0)
                        .authenticator((session, user, password) -> Optional.empty()).authRequireTls(false)
                        .events(new MicrometerEvents(registry, "refusing")), REFUSING)) {
            try (SmtpTestClient client = server.client().greet()) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.startData().endData(MESSAGE)).startsWith("250 ");
                }
                assertThat(client.startData("a@example.com", "full@example.com").endData(MESSAGE)).startsWith("554 ");
                assertThat(client.startData("a@example.com", "busy@example.com").endData(MESSAGE)).startsWith("451 ");
                assertThat(client.command("QUIT")).startsWith("221 ");
            }
            for (int i = 0; i < 2; i++) { // one failure per session: a second in one session is delayed
                try (SmtpTestClient client = server.client().greet()) {
                    assertThat(client.command("AUTH PLAIN " + base64("\0someone\0wrong"))).startsWith("535 ");
                }
            }
            try (SmtpTestClient client = SmtpTestClient.tls(server.implicitTlsPort()).greet()) {
                assertThat(client.command("QUIT")).startsWith("221 ");
            }
            try (Socket plaintext = new Socket("127.0.0.1", server.implicitTlsPort())) {
                OutputStream out = plaintext.getOutputStream();
                out.write("EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(plaintext.getInputStream().readAllBytes()).isNotNull(); // until the server closes
            }

            PrometheusText metrics = awaitAllClosed();
            assertThat(metrics.value("inbound_messages_total", "result", "accepted", "reply", "2xx")).isEqualTo(3);
            assertThat(metrics.value("inbound_messages_total", "result", "rejected", "reply", "4xx")).isEqualTo(1);
            assertThat(metrics.value("inbound_messages_total", "result", "rejected", "reply", "5xx")).isEqualTo(1);
            assertThat(metrics.value("inbound_bytes_received_total")).isEqualTo(5.0 * MESSAGE.length());
            assertThat(metrics.value("inbound_auth_failures_total", "mechanism", "PLAIN")).isEqualTo(2);
            assertThat(metrics.value("inbound_tls_handshakes_total", "outcome", "success", "protocol", "TLSv1.3"))
                    .isEqualTo(1);
            assertThat(metrics.value("inbound_tls_handshakes_total", "outcome", "failure", "protocol", "none"))
                    .isEqualTo(1);
            assertThat(metrics.value("inbound_connections_total", "kind", "smtp", "outcome", "accepted")).isEqualTo(3);
            assertThat(metrics.value("inbound_connections_total", "kind", "smtps", "outcome", "accepted")).isEqualTo(2);
            assertThat(metrics.value("inbound_connections_total", "kind", "smtp", "outcome", "refused")).isZero();

            assertThat(metrics.value("inbound_delivery_seconds_count", "handler", "refusing", "outcome", "accepted"))
                    .isEqualTo(3);
            assertThat(metrics.value("inbound_delivery_seconds_count", "handler", "refusing", "outcome", "rejected"))
                    .isEqualTo(2);
            assertThat(metrics.value("inbound_delivery_seconds_bucket", "handler", "refusing", "outcome", "accepted",
                    "le", "+Inf")).isEqualTo(3);
            assertThat(metrics.count("inbound_delivery_seconds_bucket")).isGreaterThan(20);

            assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
            assertThat(metrics.has("jvm_threads_live_threads")).isTrue();
            assertThat(metrics.has("process_uptime_seconds")).isTrue();
        }
    }

    @Test
    void refusalAtTheConnectionLimitIsCountedAndNotOpen() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxConnectionsPerIp(1).events(new MicrometerEvents(registry, "none")));
                SmtpTestClient first = server.client().greet();
                SmtpTestClient second = server.client()) {
            assertThat(second.reply()).startsWith("421 ");
            PrometheusText metrics = PrometheusText.parse(registry.scrape());
            assertThat(metrics.value("inbound_connections_total", "kind", "smtp", "outcome", "refused")).isEqualTo(1);
            assertThat(metrics.value("inbound_connections_total", "kind", "smtp", "outcome", "accepted")).isEqualTo(1);
            assertThat(metrics.value("inbound_connections_open", "kind", "smtp")).isEqualTo(1);
        }
    }

    /** The README's "Health and metrics" example, as it is there. */
    @Test
    void anEmbeddedServerMetersIntoTheRegistryGiven() throws Exception {
        Handler handler = new Handler() {
        };
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SmtpServer server = SmtpServer.builder()
                .handler(handler)
                .events(new MicrometerEvents(prometheus, "mailboxes")) // "mailboxes" tags inbound.delivery
                .port(0)
                .build();
        server.start();
        String scrape = prometheus.scrape();           // for GET /metrics
        Optional<String> notReady = server.notReady(); // empty when ready; for GET /readyz
        try {
            assertThat(notReady).isEmpty();
            assertThat(PrometheusText.parse(scrape).value("inbound_connections_open", "kind", "smtp")).isZero();
            try (SmtpTestClient client = new SmtpTestClient("localhost", server.port()).greet()) {
                assertThat(client.startData().endData(MESSAGE)).startsWith("250 ");
            }
            assertThat(PrometheusText.parse(prometheus.scrape()).value("inbound_delivery_seconds_count",
                    "handler", "mailboxes", "outcome", "accepted")).isEqualTo(1);
        } finally {
            server.stop();
        }
    }

    /** The scrape once every connection is closed on the server's side too (it learns of it a little later). */
    private PrometheusText awaitAllClosed() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            PrometheusText metrics = PrometheusText.parse(registry.scrape());
            boolean closed = metrics.value("inbound_connections_open", "kind", "smtp") == 0
                    && metrics.value("inbound_connections_open", "kind", "smtps") == 0;
            if (closed || System.nanoTime() > deadline) {
                assertThat(closed).as("all connections closed").isTrue();
                return metrics;
            }
            Thread.sleep(20);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

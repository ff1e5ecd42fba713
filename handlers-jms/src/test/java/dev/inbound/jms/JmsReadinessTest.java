package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.cli.RunningInbound;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's readiness follows the broker: down, back up, and never there at all. */
class JmsReadinessTest {
    @TempDir
    Path dir;

    @Test
    void notReadyWhileTheBrokerIsDownAndReadyAgainOnceItIsBack() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir); JmsHandler jms = handler(broker)) {
            assertThat(jms.notReady()).isEmpty();
            broker.stop();
            assertThat(await(jms, Optional::isPresent)).hasValueSatisfying(reason -> assertThat(reason).contains("JMS broker"));
            broker.start();
            assertThat(await(jms, Optional::isEmpty)).isEmpty();
        }
    }

    @Test
    void aHandlerThatNeverConnectedFindsTheBrokerMissing() throws Exception {
        EmbeddedBroker stopped = EmbeddedBroker.start(dir);
        stopped.stop();
        try (JmsHandler jms = handler(stopped)) {
            assertThat(jms.notReady()).hasValueSatisfying(reason -> assertThat(reason).startsWith("JMS broker unreachable"));
            assertThat(jms.notReady()).as("known down: not tried again before the retry interval")
                    .hasValueSatisfying(reason -> assertThat(reason).startsWith("JMS broker unavailable"));
        }
    }

    @Test
    void theCommandsReadyzIs503WhileTheBrokerIsStoppedAndHealthFails() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir);
                RunningInbound inbound = RunningInbound.start("--handler", "jms", "--jms-url", broker.url(),
                        "--handler-option", "destination=queue:ready,retry-interval=1")) {
            assertThat(readyz(http, inbound).statusCode()).isEqualTo(200);
            assertThat(RunningInbound.health(Map.of("INBOUND_HTTP", "127.0.0.1:" + inbound.httpPort))).isZero();
            broker.stop();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            HttpResponse<String> down = readyz(http, inbound);
            while (down.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                down = readyz(http, inbound);
            }
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("not ready: JMS broker");
            assertThat(RunningInbound.health(Map.of("INBOUND_HTTP", "127.0.0.1:" + inbound.httpPort))).isOne();
        }
    }

    private static HttpResponse<String> readyz(HttpClient http, RunningInbound inbound) throws Exception {
        return http.send(HttpRequest.newBuilder(inbound.http("/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JmsHandler handler(EmbeddedBroker broker) {
        return new JmsHandler(JmsSettings.builder(broker.connectionFactory())
                .destination(DestinationName.queue("ready")).timeout(Duration.ofSeconds(5))
                .retryInterval(Duration.ofMillis(200)).build());
    }

    /** Asks {@code jms} until its answer satisfies {@code wanted}, for at most 20 s. */
    private static Optional<String> await(JmsHandler jms, Predicate<Optional<String>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Optional<String> answer = jms.notReady();
        while (!wanted.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = jms.notReady();
        }
        return answer;
    }
}

package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

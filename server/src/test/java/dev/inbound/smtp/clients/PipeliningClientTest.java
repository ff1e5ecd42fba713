package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A raw-socket Python client (pipelining.py) that pipelines as RFC 2920 allows, and further:
 * a whole session in one write, and one byte per write, with DATA and with BDAT. The script checks every reply in
 * order; the test checks what arrived.
 */
class PipeliningClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void answersEnvelopeSentInOneWriteForFiftyMessages() throws Exception {
        assertDelivered("commands", 50);
    }

    @Test
    void answersWholeSessionSentInOneWrite() throws Exception {
        assertDelivered("session", 2);
    }

    @Test
    void answersWholeSessionSentOneBytePerWrite() throws Exception {
        assertDelivered("bytewise", 2);
    }

    @Test
    void answersBdatSessionSentInOneWrite() throws Exception {
        assertDelivered("bdat", 2);
    }

    @Test
    void answersBdatSessionSentOneBytePerWrite() throws Exception {
        assertDelivered("bdat-bytewise", 2);
    }

    private static void assertDelivered(String mode, int count) throws Exception {
        try (TestServer server = new TestServer()) {
            ProcessRunner.Result result = PythonScript.run("pipelining.py", server.port(), mode);

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<CollectedMessage> got = server.collector.awaitCount(count, WAIT);
            assertThat(got).hasSize(count);
            for (int n = 0; n < count; n++) {
                CollectedMessage message = got.get(n);
                assertThat(message.mailFrom()).isEqualTo("s-" + n + "@example.com");
                assertThat(message.rcptTos()).containsExactly("a-" + n + "@example.com", "b-" + n + "@example.com");
                assertThat(message.text())
                        .endsWith("Subject: pipelined " + n + "\r\n\r\nbody " + n + "\r\n.dot-stuffed line\r\n");
            }
        }
    }
}

package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection limits, in total and per client address, each answered with 421 4.7.0. */
class ConnectionLimitsTest {

    @Test
    void connectionsOverThePerIpLimitGet421() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        try (TestServer server = new TestServer(b -> b.maxConnectionsPerIp(3))) {
            for (int i = 0; i < 3; i++) {
                SmtpTestClient client = server.client();
                open.add(client);
                assertThat(client.reply()).startsWith("220");
            }
            try (SmtpTestClient fourth = server.client()) {
                assertThat(fourth.reply()).isEqualTo(
                        "421 4.7.0 inbound.test Error: too many connections from your address, try again later");
                assertThat(fourth.closedByServer()).isTrue();
            }
            try (SmtpTestClient other = SmtpTestClient.from("127.0.0.2", server.port())) {
                assertThat(other.reply()).startsWith("220");
            }
            open.remove(0).close();
            awaitGreeting(server);
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void connectionsOverTheTotalLimitGet421() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxConnections(2));
                SmtpTestClient one = SmtpTestClient.from("127.0.0.1", server.port());
                SmtpTestClient two = SmtpTestClient.from("127.0.0.2", server.port())) {
            // Greeted means counted: only then does the third connect.
            assertThat(one.reply()).startsWith("220");
            assertThat(two.reply()).startsWith("220");
            try (SmtpTestClient three = SmtpTestClient.from("127.0.0.3", server.port())) {
                assertThat(three.reply()).isEqualTo(
                        "421 4.7.0 inbound.test Error: too many connections, try again later");
            }
        }
    }

    /** A freed slot is usable again; the close is seen by the server a moment after the client's. */
    private static void awaitGreeting(TestServer server) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (SmtpTestClient client = server.client()) {
                if (client.reply().startsWith("220")) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("slot never freed");
    }
}

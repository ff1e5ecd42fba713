package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * swaks, the SMTP test tool admins reach for, sending over STARTTLS ({@code --tls}) and implicit
 * TLS ({@code --tlsc}). swaks does not check the server's certificate unless told to.
 */
class SwaksClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void deliversOverStartTls() throws Exception {
        try (TestServer server = TestServer.withTls()) {
            ProcessRunner.Result result = swaks(server.port(), "--tls");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout()).as(result.describe())
                    .contains("-> STARTTLS").contains("<-  220 2.0.0 Ready to start TLS")
                    .containsPattern("=== TLS started with cipher TLSv1\\.[23]");
            assertDelivered(server);
        }
    }

    @Test
    void deliversOverImplicitTls() throws Exception {
        try (TestServer server = TestServer.withTls()) {
            ProcessRunner.Result result = swaks(server.implicitTlsPort(), "--tlsc");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout()).as(result.describe())
                    .containsPattern("=== TLS started with cipher TLSv1\\.[23]")
                    .contains("<~  220 inbound.test ESMTP")
                    .doesNotContain("STARTTLS");
            assertDelivered(server);
        }
    }

    private static void assertDelivered(TestServer server) throws InterruptedException {
        CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
        assertThat(got.mailFrom()).isEqualTo("a@example.com");
        assertThat(got.rcptTos()).containsExactly("b@example.com");
        assertThat(got.text()).containsPattern("^Received: from client\\.example \\(")
                .contains(" with ESMTPS id ").contains("X-Mailer: swaks");
    }

    private static ProcessRunner.Result swaks(int port, String... tls) throws Exception {
        List<String> command = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port",
                Integer.toString(port), "--helo", "client.example", "--timeout", "20",
                "--to", "b@example.com", "--from", "a@example.com"));
        command.addAll(List.of(tls));
        return ProcessRunner.run(command);
    }
}

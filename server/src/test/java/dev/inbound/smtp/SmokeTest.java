package dev.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void acceptsOneMessage() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("250 2.1.0 OK");
            assertThat(client.command("RCPT TO:<b@example.com>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("DATA")).startsWith("354");
            assertThat(client.endData("Subject: hi\r\n\r\nbody\r\n")).startsWith("250 2.0.0 OK");
            assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 Bye");
            var messages = server.collector.awaitCount(1, Duration.ofSeconds(5));
            assertThat(messages.get(0).text()).contains("Subject: hi\r\n\r\nbody\r\n").startsWith("Received: ");
        }
    }
}

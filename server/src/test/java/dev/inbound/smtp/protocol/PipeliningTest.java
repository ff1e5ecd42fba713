package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 2920: input of any shape, replies in order. */
class PipeliningTest {
    private static final String SESSION = "EHLO client.example\r\n"
            + "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<c@example.com>\r\nDATA\r\n"
            + "Subject: one\r\n\r\nfirst\r\n.\r\n"
            + "MAIL FROM:<d@example.com>\r\nRCPT TO:<e@example.com>\r\nBDAT 6 LAST\r\nsecond"
            + "RSET\r\nNOOP\r\nQUIT\r\n";

    private static void expectReplies(SmtpTestClient client) throws Exception {
        assertThat(client.reply()).startsWith("220");
        assertThat(client.reply()).startsWith("250-inbound.test");
        assertThat(client.reply()).isEqualTo("250 2.1.0 OK");
        assertThat(client.reply()).isEqualTo("250 2.1.5 OK");
        assertThat(client.reply()).isEqualTo("250 2.1.5 OK");
        assertThat(client.reply()).startsWith("354");
        assertThat(client.reply()).startsWith("250 2.0.0 OK: queued");
        assertThat(client.reply()).isEqualTo("250 2.1.0 OK");
        assertThat(client.reply()).isEqualTo("250 2.1.5 OK");
        assertThat(client.reply()).startsWith("250 2.0.0 OK: queued");
        assertThat(client.reply()).isEqualTo("250 2.0.0 OK");
        assertThat(client.reply()).isEqualTo("250 2.0.0 OK");
        assertThat(client.reply()).isEqualTo("221 2.0.0 Bye");
        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void wholeSessionInOneWrite() throws Exception {
        try (TestServer server = new TestServer(b -> b.receivedHeader(false)); SmtpTestClient client = server.client()) {
            client.sendRaw(SESSION);
            expectReplies(client);
            var messages = server.collector.awaitCount(2, Duration.ofSeconds(5));
            assertThat(messages.get(0).rcptTos()).containsExactly("b@example.com", "c@example.com");
            assertThat(messages.get(0).text()).isEqualTo("Subject: one\r\n\r\nfirst\r\n");
            assertThat(messages.get(1).text()).isEqualTo("second");
        }
    }

    @Test
    void oneBytePerWrite() throws Exception {
        try (TestServer server = new TestServer(b -> b.receivedHeader(false)); SmtpTestClient client = server.client()) {
            for (byte b : SESSION.getBytes(StandardCharsets.US_ASCII)) {
                client.sendBytes(new byte[] {b});
            }
            expectReplies(client);
            assertThat(server.collector.awaitCount(2, Duration.ofSeconds(5))).hasSize(2);
        }
    }

    @Test
    void manyMessagesPipelinedInOneSession() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                all.append("MAIL FROM:<s").append(i).append("@example.com>\r\nRCPT TO:<r@example.com>\r\nDATA\r\n")
                        .append("Subject: ").append(i).append("\r\n\r\nbody ").append(i).append("\r\n.\r\n");
            }
            client.sendRaw(all.toString());
            for (int i = 0; i < 100; i++) {
                assertThat(client.reply()).startsWith("250 2.1.0");
                assertThat(client.reply()).startsWith("250 2.1.5");
                assertThat(client.reply()).startsWith("354");
                assertThat(client.reply()).startsWith("250 2.0.0 OK");
            }
            var messages = server.collector.awaitCount(100, Duration.ofSeconds(10));
            for (int i = 0; i < 100; i++) {
                assertThat(messages.get(i).mailFrom()).isEqualTo("s" + i + "@example.com");
                assertThat(messages.get(i).text()).endsWith("Subject: " + i + "\r\n\r\nbody " + i + "\r\n");
            }
        }
    }

    @Test
    void refusedDataLeavesTheFollowingLinesAsCommands() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            client.sendRaw("MAIL FROM:<a@example.com>\r\nDATA\r\nNOOP\r\n");
            assertThat(client.reply()).startsWith("250");
            assertThat(client.reply()).isEqualTo("503 5.5.1 Error: need RCPT command");
            assertThat(client.reply()).isEqualTo("250 2.0.0 OK");
        }
    }
}

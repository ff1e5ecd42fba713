package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every limit answers with a clear reply, and the session goes on where it can. */
class LimitsTest {

    private static void startMessage(SmtpTestClient client) throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
        assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
        assertThat(client.command("DATA")).startsWith("354");
    }

    @Test
    void commandLineOf512OctetsIsAcceptedAnd513IsNot() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            String noop512 = "NOOP " + "x".repeat(507);
            assertThat(client.command(noop512)).isEqualTo("250 2.0.0 OK");
            assertThat(client.command(noop512 + "x")).isEqualTo("500 5.5.2 Error: command line too long");
            assertThat(client.command("NOOP " + "x".repeat(100_000))).isEqualTo(
                    "500 5.5.2 Error: command line too long");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void mailGetsTheSizeAndSmtpUtf8AllowanceAfterEhloOnly() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            String from = "MAIL FROM:<" + "a".repeat(500) + "@example.com>";
            String line = from + " SIZE=1".repeat(1);
            assertThat(line.length()).isBetween(513, 548);
            assertThat(client.command(line)).isEqualTo("250 2.1.0 OK");
            client.command("RSET");
            assertThat(client.command(from + " SIZE=1 " + "x".repeat(60))).startsWith("500 5.5.2");
            client.command("HELO client.example");
            assertThat(client.command(from)).startsWith("500");
        }
    }

    @Test
    void allowanceBelongsToTheSession() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient first = server.client()) {
            first.greet();
            for (int i = 0; i < 5; i++) {
                first.command("EHLO again.example"); // aiosmtpd grew the limit on each EHLO
            }
            try (SmtpTestClient second = server.client()) {
                second.greet();
            }
            String line = "MAIL FROM:<" + "a".repeat(520) + "@example.com>";
            assertThat(line.length()).isEqualTo(544);
            assertThat(first.command(line)).isEqualTo("250 2.1.0 OK");
            first.command("RSET");
            assertThat(first.command("MAIL FROM:<" + "a".repeat(540) + "@example.com>")).startsWith("500");
        }
    }

    @Test
    void nulBareCrBareLfAndInvalidUtf8InACommandAreSyntaxErrors() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.sendRaw("NOOP a\0b\r\n").reply()).isEqualTo("501 5.5.2 Syntax error: NUL byte in command");
            assertThat(client.sendRaw("NOOP a\rb\r\n").reply()).isEqualTo("501 5.5.2 Syntax error: bare <CR> in command");
            assertThat(client.sendRaw("NOOP\n").reply()).isEqualTo("501 5.5.2 Syntax error: bare <LF> received");
            assertThat(client.sendBytes(new byte[] {'N', 'O', 'O', 'P', ' ', (byte) 0xC3, '(', '\r', '\n'}).reply())
                    .isEqualTo("501 5.5.2 Syntax error: invalid UTF-8 in command");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void fiveUnknownCommandsCloseTheConnection() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            for (int i = 0; i < 5; i++) {
                assertThat(client.command("BOGUS" + i)).startsWith("500 5.5.1");
            }
            assertThat(client.reply()).isEqualTo("421 4.7.0 Error: too many unrecognized commands, closing connection");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void twentyErrorsCloseTheConnection() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            for (int i = 0; i < 20; i++) {
                assertThat(client.command("RCPT TO:<x@example.com>")).startsWith("503");
            }
            assertThat(client.reply()).isEqualTo("421 4.7.0 Error: too many errors, closing connection");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void syntaxErrorsCountAsErrors() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxErrors(3)); SmtpTestClient client = server.client()) {
            client.greet();
            client.command("MAIL FROM:");
            client.sendRaw("NOOP\0\r\n").reply();
            assertThat(client.command("VRFY")).startsWith("501");
            assertThat(client.reply()).startsWith("421 4.7.0");
        }
    }

    @Test
    void declaredSizeOverTheLimitGets552AtOnce() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(1000)); SmtpTestClient client = server.client()) {
            client.reply();
            assertThat(client.command("EHLO client.example")).contains("250-SIZE 1000");
            assertThat(client.command("MAIL FROM:<a@example.com> SIZE=1001")).isEqualTo(
                    "552 5.3.4 Error: message size exceeds fixed maximum message size");
            assertThat(client.command("MAIL FROM:<a@example.com> SIZE=1000")).startsWith("250");
        }
    }

    @Test
    void dataOverTheLimitIsDrainedThenGets552() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(1000)); SmtpTestClient client = server.client()) {
            startMessage(client);
            client.sendRaw(("y".repeat(98) + "\r\n").repeat(50) + ".\r\n");
            assertThat(client.reply()).isEqualTo("552 5.3.4 Error: message size exceeds fixed maximum message size");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("503");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    @Test
    void unlimitedSizeAdvertisesSizeWithoutNumber() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(0)); SmtpTestClient client = server.client()) {
            client.reply();
            assertThat(client.command("EHLO client.example")).contains("250-SIZE\n");
        }
    }

    @Test
    void textLineOf1000OctetsIsAcceptedAndLongerIsRefusedAfterTheData() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            startMessage(client);
            client.sendRaw("x".repeat(998) + "\r\n.\r\n");
            assertThat(client.reply()).startsWith("250 2.0.0");
            client.startData();
            client.sendRaw("x".repeat(999) + "\r\nmore\r\n.\r\n");
            assertThat(client.reply()).isEqualTo("500 5.5.2 Error: line too long (see RFC 5321 4.5.3.1.6)");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("503");
            assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void recipientsOverTheLimitGet452() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxRecipients(3)); SmtpTestClient client = server.client()) {
            client.greet();
            client.command("MAIL FROM:<a@example.com>");
            for (int i = 0; i < 3; i++) {
                assertThat(client.command("RCPT TO:<r" + i + "@example.com>")).startsWith("250");
            }
            assertThat(client.command("RCPT TO:<r3@example.com>")).isEqualTo("452 4.5.3 Error: too many recipients");
            client.command("DATA");
            client.endData("x\r\n");
            assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).rcptTos()).hasSize(3);
        }
    }

    @Test
    void defaultRecipientLimitIs1000AndTheRefusalsDoNotCloseTheSession() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            client.command("MAIL FROM:<a@example.com>");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 1030; i++) {
                batch.append("RCPT TO:<r").append(i).append("@example.com>\r\n");
            }
            client.sendRaw(batch.toString());
            for (int i = 0; i < 1000; i++) {
                assertThat(client.reply()).startsWith("250");
            }
            for (int i = 0; i < 30; i++) {
                assertThat(client.reply()).startsWith("452 4.5.3");
            }
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void moreThanAHundredJunkCommandsCountAsErrors() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet(); // EHLO is the first junk command
            client.sendRaw("HELP\r\n".repeat(200));
            for (int i = 2; i < 120; i++) {
                assertThat(client.reply()).as("reply %d", i).startsWith("214");
            }
            assertThat(client.reply()).isEqualTo("421 4.7.0 Error: too many errors, closing connection");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aDeliveryStartsTheJunkCountAfresh() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.greet();
            for (int round = 0; round < 3; round++) {
                client.sendRaw("NOOP\r\n".repeat(90));
                for (int i = 0; i < 90; i++) {
                    assertThat(client.reply()).startsWith("250");
                }
                client.startData();
                assertThat(client.endData("x\r\n")).startsWith("250 2.0.0");
            }
        }
    }
}

package dev.inbound.smtp.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleHandlerTest {
    /** What the handler prints for the one message {@code transaction} sends after EHLO. */
    private static String printedFor(Transaction transaction) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConsoleHandler console = new ConsoleHandler(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (TestServer server = new TestServer(b -> b.receivedHeader(false), console);
                SmtpTestClient client = server.client()) {
            client.greet();
            transaction.send(client);
            server.collector.awaitCount(1, Duration.ofSeconds(5));
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private interface Transaction {
        void send(SmtpTestClient client) throws IOException;
    }

    @Test
    void printsEnvelopeThenTheMessageBetweenSeparators() throws Exception {
        String printed = printedFor(client -> {
            client.command("MAIL FROM:<a@example.com> BODY=8BITMIME");
            client.command("RCPT TO:<b@example.net>");
            client.command("RCPT TO:<c@example.net>");
            client.command("DATA");
            assertThat(client.endData("Subject: hi\r\n\r\nbody\r\n")).startsWith("250");
        });

        assertThat(printed).isEqualTo(ConsoleHandler.BEGIN + System.lineSeparator()
                + "X-Peer: 127.0.0.1" + System.lineSeparator()
                + "X-MailFrom: a@example.com" + System.lineSeparator()
                + "X-RcptTo: b@example.net, c@example.net" + System.lineSeparator()
                + "X-MailOptions: BODY=8BITMIME" + System.lineSeparator()
                + "Subject: hi\r\n\r\nbody\r\n"
                + ConsoleHandler.END + System.lineSeparator());
    }

    @Test
    void putsTheEndSeparatorOnItsOwnLineAfterContentWithoutNewline() throws Exception {
        String printed = printedFor(client -> {
            client.command("MAIL FROM:<a@example.com>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.sendRaw("BDAT 8 LAST\r\nSubject:").reply()).startsWith("250");
        });

        assertThat(printed).endsWith("Subject:" + System.lineSeparator() + ConsoleHandler.END + System.lineSeparator());
    }

    @Test
    void factoryRefusesAnUnknownStream() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConsoleHandlerFactory().create(Map.of("stream", "stdin")))
                .withMessageContaining("stdout or stderr");
    }
}

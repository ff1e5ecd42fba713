package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under LMTP each destination is its own transaction: a destination the broker refuses gets
 * its recipients 451 while the others get 250 and their message; the refusal does not count as
 * an outage, so the next message goes through.
 */
class LmtpOutcomesTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedDestinationFailsOnlyItsOwnRecipients() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startSecured(dir, "inbound", "pw");
                JmsHandler jms = new JmsHandler(JmsSettings.builder(broker.connectionFactory("inbound", "pw"))
                        .destination(DestinationName.queue("allowed"))
                        .route("refused.example", DestinationName.queue("forbidden")).build());
                TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0), jms);
                SmtpTestClient client = server.lmtpClient().greetLmtp()) {
            client.command("MAIL FROM:<s@example.org>");
            client.command("RCPT TO:<one@ok.example>");
            client.command("RCPT TO:<two@refused.example>");
            client.command("RCPT TO:<three@ok.example>");
            client.command("DATA");
            client.sendRaw("Subject: outcomes\r\n\r\nbody\r\n.\r\n");
            assertThat(client.replies(3)).satisfiesExactly(
                    one -> assertThat(one).startsWith("250"),
                    two -> assertThat(two).startsWith("451 4.3.0"),
                    three -> assertThat(three).startsWith("250"));

            client.command("MAIL FROM:<s@example.org>");
            client.command("RCPT TO:<four@ok.example>");
            client.command("DATA");
            client.sendRaw("Subject: next\r\n\r\nbody\r\n.\r\n");
            assertThat(client.reply()).as("not taken for an outage").startsWith("250");

            assertThat(ReceivedMail.drain(broker.connectionFactory("inbound", "pw"), "allowed", 2, 5_000))
                    .extracting(m -> m.properties().get("SmtpRcptTo"))
                    .containsExactly("one@ok.example,three@ok.example", "four@ok.example");
            assertThat(ReceivedMail.drain(broker.connectionFactory("inbound", "pw"), "forbidden", 0, 500)).isEmpty();
        }
    }
}

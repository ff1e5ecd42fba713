package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.util.List;

/** One mail transaction over a greeted client, every recipient of which must be accepted at RCPT. */
final class Transactions {
    private Transactions() {
    }

    /** SMTP: the one reply to the end of data. */
    static String smtp(SmtpTestClient client, String from, List<String> rcpts, String message) throws IOException {
        start(client, from, rcpts);
        return client.endData(message);
    }

    /** LMTP: one reply per recipient after the end of data. */
    static List<String> lmtp(SmtpTestClient client, String from, List<String> rcpts, String message)
            throws IOException {
        start(client, from, rcpts);
        client.sendRaw(message + ".\r\n");
        return client.replies(rcpts.size());
    }

    private static void start(SmtpTestClient client, String from, List<String> rcpts) throws IOException {
        assertThat(client.command("MAIL FROM:<" + from + ">")).startsWith("250");
        for (String rcpt : rcpts) {
            assertThat(client.command("RCPT TO:<" + rcpt + ">")).as(rcpt).startsWith("250");
        }
        assertThat(client.command("DATA")).startsWith("354");
    }
}

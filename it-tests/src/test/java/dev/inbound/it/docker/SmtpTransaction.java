package dev.inbound.it.docker;

import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.util.List;

/**
 * One mail transaction over raw SMTP, for tests that look at the reply rather than trust a
 * client library's handling of it.
 *
 * <pre>{@code
 * assertThat(SmtpTransaction.offer("localhost", port, "to@example.com", "<1@it.example>")).startsWith("250");
 * }</pre>
 */
final class SmtpTransaction {
    /** Longer than any handler timeout the tests set: a reply can take that long, and still comes. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private SmtpTransaction() {
    }

    /**
     * A small message with {@code messageId} from it@example.org to {@code rcpt}; returns the
     * first refusal (of MAIL, RCPT or DATA) or else the reply to the end of data.
     */
    static String offer(String host, int port, String rcpt, String messageId) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(host, port)) {
            client.setTimeout(READ_TIMEOUT_MILLIS);
            client.greet();
            for (String command : List.of("MAIL FROM:<it@example.org>", "RCPT TO:<" + rcpt + ">", "DATA")) {
                String reply = client.command(command);
                if (reply.charAt(0) != '2' && reply.charAt(0) != '3') {
                    return reply;
                }
            }
            return client.endData("Message-ID: " + messageId + "\r\nSubject: a test\r\n\r\nA message.\r\n");
        }
    }
}

package dev.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.handlers.CollectedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling (CVE-2023-51764 and kin): an end-of-data look-alike inside DATA followed by
 * a second transaction must never turn into a second message. Only {@code <CRLF>.<CRLF>} ends
 * the data.
 */
class SmugglingTest {
    private static final String SMUGGLED = "MAIL FROM:<evil@x>\r\nRCPT TO:<v@x>\r\nDATA\r\nsmuggled\r\n.\r\n";

    static Stream<Arguments> fakeEndsOfData() {
        return Stream.of("\n.\n", "\n.\r\n", "\r.\r", "\r.\r\n", "\r.\n", "\n.\r", "\r\n.\n", "\r\n.\r",
                "\r\n.\r\r\n", "\r\n\0.\r\n", "\r\n.\0\r\n")
                .map(vector -> Arguments.of(escape(vector), vector));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakeEndsOfData")
    void keepsFakeEndOfDataAndSmuggledCommandsInsideOneMessage(String name, String vector) throws Exception {
        try (TestServer server = new TestServer()) {
            List<String> replies = sendSmugglingAttempt(server, vector);

            assertThat(replies.get(0)).as("end of data, replies %s", replies).startsWith("250 2.0.0");
            assertThat(replies).as("no second DATA may start").noneMatch(reply -> reply.startsWith("354"));
            List<CollectedMessage> messages = server.collector.messages();
            assertThat(messages).as("messages collected").hasSize(1);
            CollectedMessage message = messages.get(0);
            assertThat(message.mailFrom()).isEqualTo("a@example.com");
            assertThat(message.text()).contains("text").contains("MAIL FROM:<evil@x>").contains("smuggled");
            assertThat(bareNewlineAt(message.text())).as("index of a bare CR or LF in %s", escape(message.text()))
                    .isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakeEndsOfData")
    void rejectsFakeEndOfDataWithBareNewlineWhenPolicyIsReject(String name, String vector) throws Exception {
        try (TestServer server = new TestServer(b -> b.bareNewline(BareNewlinePolicy.REJECT))) {
            List<String> replies = sendSmugglingAttempt(server, vector);

            assertThat(replies).as("no second DATA may start").noneMatch(reply -> reply.startsWith("354"));
            if (bareNewlineAt("text" + vector + SMUGGLED) >= 0) {
                assertThat(replies.get(0)).as("end of data, replies %s", replies).startsWith("550 5.5.2");
                assertThat(server.collector.messages()).isEmpty();
            } else {
                // a NUL is no newline: the policy lets it through, still as one message
                assertThat(replies.get(0)).as("end of data, replies %s", replies).startsWith("250 2.0.0");
                assertThat(server.collector.messages()).hasSize(1);
            }
        }
    }

    /**
     * Sends one transaction whose content holds the vector and the smuggled transaction, then
     * a real end of data and QUIT. Returns the replies after 354 up to and including the 221,
     * by which time the server has finished with every byte sent.
     */
    private static List<String> sendSmugglingAttempt(TestServer server, String vector) throws Exception {
        try (SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.sendRaw("Subject: smuggling\r\n\r\ntext" + vector + SMUGGLED + "\r\n.\r\nQUIT\r\n");
            List<String> replies = new ArrayList<>();
            do {
                replies.add(client.reply());
            } while (!replies.get(replies.size() - 1).startsWith("221"));
            return replies;
        }
    }

    /** The index of the first CR not followed by LF or LF not preceded by CR, or -1. */
    private static int bareNewlineAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bareCr = c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n');
            boolean bareLf = c == '\n' && (i == 0 || text.charAt(i - 1) != '\r');
            if (bareCr || bareLf) {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}

package dev.inbound.smtp.protocol;

import static dev.inbound.smtp.protocol.TestAuthenticator.PASSWORD;
import static dev.inbound.smtp.protocol.TestAuthenticator.USER;
import static dev.inbound.smtp.protocol.TestAuthenticator.plain;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** One INFO line per message on {@code dev.inbound.message}, with its fields as key-value pairs. */
class MessageLogTest {
    private static final String CONTENT = "Subject: the secret plans\r\n\r\nmeet at noon\r\n";

    private final Logger logger = (Logger) LoggerFactory.getLogger(MessageLog.NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void anAcceptedMessageIsOneLineWithItsEnvelopeSizeAndResult() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<a@example.com>");
            client.command("RCPT TO:<b@example.com>");
            client.command("RCPT TO:<c@example.com>");
            client.command("DATA");
            assertThat(client.endData(CONTENT)).startsWith("250 2.0.0");
        }
        Map<String, String> fields = onlyLine();
        assertThat(fields).containsEntry("client", "127.0.0.1").containsEntry("from", "a@example.com")
                .containsEntry("rcpts", "2").containsEntry("size", Integer.toString(CONTENT.length()))
                .containsEntry("result", "250 2.0.0").doesNotContainKeys("tls", "auth");
        assertThat(fields.get("id")).isEqualTo(fields.get("session") + "-1");
        assertThat(fields.get("ms")).matches("\\d+");
        assertThat(lines.list.get(0).getMDCPropertyMap()).containsEntry("session", fields.get("session"));
    }

    @Test
    void aHandlerRefusalIsLoggedWithTheUserButNeitherPasswordNorContent() throws Exception {
        Handler refusing = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) {
                return Reply.of(554, "5.7.1", "Not today");
            }
        };
        try (TestServer server = new TestServer(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false),
                refusing); SmtpTestClient client = server.client().greet()) {
            assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).startsWith("235");
            client.startData();
            assertThat(client.endData(CONTENT)).isEqualTo("554 5.7.1 Not today");
        }
        Map<String, String> fields = onlyLine();
        assertThat(fields).containsEntry("result", "554 5.7.1").containsEntry("auth", USER);
        String whole = lines.list.get(0).getFormattedMessage() + fields;
        assertThat(whole).doesNotContain(PASSWORD).doesNotContain("secret plans").doesNotContain("noon");
    }

    @Test
    void aMessageRefusedByALimitIsLoggedToo() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(10)); SmtpTestClient client = server.client().greet()) {
            client.startData();
            assertThat(client.endData(CONTENT)).startsWith("552 5.3.4");
        }
        assertThat(onlyLine()).containsEntry("result", "552 5.3.4");
    }

    @Test
    void anLmtpMessageCountsEachRecipientsOutcome() throws Exception {
        Handler oneUnknown = new Handler() {
            @Override
            public List<Reply> deliver(Session session, Envelope envelope) {
                List<Reply> replies = new ArrayList<>();
                for (String rcpt : envelope.rcptTos()) {
                    replies.add(rcpt.startsWith("nobody") ? Reply.of(550, "5.1.1", "No such user") : null);
                }
                return replies;
            }
        };
        UnaryOperator<SmtpServer.Builder> lmtp = b -> b.lmtp("127.0.0.1", 0);
        try (TestServer server = new TestServer(lmtp, oneUnknown); SmtpTestClient client = server.lmtpClient().greetLmtp()) {
            client.command("MAIL FROM:<a@example.com>");
            client.command("RCPT TO:<b@example.com>");
            client.command("RCPT TO:<nobody@example.com>");
            client.command("RCPT TO:<c@example.com>");
            client.command("DATA");
            client.sendRaw(CONTENT + ".\r\n");
            assertThat(client.replies(3)).extracting(reply -> reply.substring(0, 3)).containsExactly("250", "550", "250");
        }
        assertThat(onlyLine()).containsEntry("rcpts", "3").containsEntry("result", "250 2.0.0 x2,550 5.1.1 x1");
    }

    /** The fields of the one line logged, as text; fails unless there is exactly one. */
    private Map<String, String> onlyLine() {
        assertThat(lines.list).hasSize(1);
        ILoggingEvent line = lines.list.get(0);
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        assertThat(line.getFormattedMessage()).isEqualTo("message");
        Map<String, String> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : line.getKeyValuePairs()) {
            fields.put(pair.key, String.valueOf(pair.value));
        }
        return fields;
    }
}

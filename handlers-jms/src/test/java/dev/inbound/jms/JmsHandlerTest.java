package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler behind a real server on loopback, publishing to a real Artemis broker in this JVM. */
class JmsHandlerTest {
    private static final String MESSAGE = "Message-ID: <m1@example.org>\r\n"
            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus\r\n Java\r\n\r\nline one\r\n..dot\r\n";

    @TempDir
    static Path dir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static JmsHandler handler(UnaryOperator<JmsSettings.Builder> settings) {
        return new JmsHandler(settings.apply(JmsSettings.builder(broker.connectionFactory())).build());
    }

    /**
     * A web application's class loader is closed right after it stops: a connection closed later,
     * on a thread of the handler's, fails to load the provider's classes. So close() waits.
     */
    @Test
    void closeReturnsOnlyAfterItsThreadsHaveClosedTheConnection() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        JmsHandler jms = handler(s -> s.destination(DestinationName.queue("closing")));
        try (TestServer server = new TestServer(b -> b, jms); SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<sender@example.org>");
            client.command("RCPT TO:<a@example.com>");
            client.command("DATA");
            assertThat(client.endData(MESSAGE)).startsWith("250");
        }
        long connections = broker.connectionsEverOpened();

        jms.close();

        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t) && t.isAlive())
                .extracting(Thread::getName).noneMatch(name -> name.startsWith("inbound-jms-"));
        assertThat(connections).isPositive();
    }

    @Test
    void publishesTheStoredBytesWithTheEnvelopeAsProperties() throws Exception {
        try (JmsHandler jms = handler(s -> s.destination(DestinationName.queue("mapping")));
                TestServer server = new TestServer(b -> b, jms);
                SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<sender@example.org>");
            client.command("RCPT TO:<a@example.com>");
            client.command("RCPT TO:<b@example.net>");
            client.command("DATA");
            assertThat(client.endData(MESSAGE)).startsWith("250");
        }
        List<ReceivedMail> got = ReceivedMail.drain(broker.connectionFactory(), "mapping", 1, 5_000);
        assertThat(got).hasSize(1);
        ReceivedMail mail = got.get(0);
        assertThat(mail.afterReceived()).isEqualTo(MESSAGE.replace("\r\n..dot", "\r\n.dot"));
        assertThat(mail.text()).startsWith("Received: from client.example");
        Map<String, Object> p = mail.properties();
        assertThat(p).containsEntry("SmtpMailFrom", "sender@example.org")
                .containsEntry("SmtpRcptTo", "a@example.com,b@example.net")
                .containsEntry("SmtpRcptCount", 2)
                .containsEntry("SmtpClientAddress", "127.0.0.1")
                .containsEntry("SmtpHelo", "client.example")
                .containsEntry("MailMessageId", "<m1@example.org>")
                .containsEntry("MailSubject", "Grüße aus Java")
                .containsEntry("MailSize", (long) mail.bytes().length)
                .doesNotContainKeys("SmtpAuthUser", "SmtpTls");
        assertThat((String) p.get("InboundMessageId")).isNotBlank();
        assertThat(p.keySet().stream().filter(k -> !k.startsWith("JMS") && !k.startsWith("_")))
                .allMatch(k -> k.matches("[A-Za-z][A-Za-z0-9]*"));
    }

    @Test
    void routesByRecipientDomainAndRefusesUnroutedDomainsAtRcpt() throws Exception {
        try (JmsHandler jms = handler(s -> s.destination(null)
                        .route("orders.example.com", DestinationName.queue("orders"))
                        .route("Support.Example.com", DestinationName.queue("support")));
                TestServer server = new TestServer(b -> b, jms);
                SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<s@example.org>");
            assertThat(client.command("RCPT TO:<x@elsewhere.example>")).startsWith("550 5.1.1");
            assertThat(client.command("RCPT TO:<o1@orders.example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<help@support.example.COM>")).startsWith("250");
            assertThat(client.command("RCPT TO:<o2@ORDERS.example.com>")).startsWith("250");
            client.command("DATA");
            assertThat(client.endData(MESSAGE)).startsWith("250");
        }
        List<ReceivedMail> orders = ReceivedMail.drain(broker.connectionFactory(), "orders", 1, 5_000);
        List<ReceivedMail> support = ReceivedMail.drain(broker.connectionFactory(), "support", 1, 5_000);
        assertThat(orders).singleElement().satisfies(m -> assertThat(m.properties())
                .containsEntry("SmtpRcptTo", "o1@orders.example.com,o2@ORDERS.example.com"));
        assertThat(support).singleElement().satisfies(m -> assertThat(m.properties())
                .containsEntry("SmtpRcptTo", "help@support.example.COM"));
    }

    @Test
    void fanOutPublishesOneMessagePerRecipient() throws Exception {
        try (JmsHandler jms = handler(s -> s.destination(DestinationName.queue("fan")).fanOut(true));
                TestServer server = new TestServer(b -> b, jms);
                SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<s@example.org>");
            for (String rcpt : List.of("a@example.com", "b@example.com", "c@example.com")) {
                client.command("RCPT TO:<" + rcpt + ">");
            }
            client.command("DATA");
            assertThat(client.endData(MESSAGE)).startsWith("250");
        }
        List<ReceivedMail> got = ReceivedMail.drain(broker.connectionFactory(), "fan", 3, 5_000);
        assertThat(got).extracting(m -> m.properties().get("SmtpRcptTo"))
                .containsExactlyInAnyOrder("a@example.com", "b@example.com", "c@example.com");
        assertThat(got).extracting(ReceivedMail::afterReceived).containsOnly(got.get(0).afterReceived());
    }

    @Test
    void publishesToATopicAndDecodesARawUtf8Subject() throws Exception {
        try (JmsHandler jms = handler(s -> s.destination(DestinationName.parse("topic:mail.events")));
                TestServer server = new TestServer(b -> b, jms);
                SmtpTestClient client = server.client().greet();
                jakarta.jms.JMSContext subscriber = broker.connectionFactory().createContext()) {
            jakarta.jms.JMSConsumer events = subscriber.createConsumer(subscriber.createTopic("mail.events"));
            client.command("MAIL FROM:<s@example.org> SMTPUTF8");
            client.command("RCPT TO:<rcpt@example.com>");
            client.command("DATA");
            client.sendBytes("Subject: Grüße direkt\r\n\r\nbody\r\n.\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(client.reply()).startsWith("250");
            jakarta.jms.Message event = events.receive(5_000);
            assertThat(event).isNotNull();
            assertThat(event.getStringProperty("MailSubject")).isEqualTo("Grüße direkt");
            assertThat(event.propertyExists("MailMessageId")).isFalse();
        }
    }

    @Test
    void aBrokerThatNeverAnswersCostsA451WithinTheTimeoutAndTheSessionGoesOn() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                JmsHandler jms = new JmsHandler(JmsSettings.builder(new org.apache.activemq.artemis.jms.client
                        .ActiveMQConnectionFactory("tcp://127.0.0.1:" + silent.getLocalPort()))
                        .timeout(java.time.Duration.ofSeconds(2)).build());
                TestServer server = new TestServer(b -> b, jms);
                SmtpTestClient client = server.client().greet()) {
            client.startData();
            assertThat(client.endData(MESSAGE)).startsWith("451 4.3.0");
            assertThat(client.command("NOOP")).startsWith("250");
            assertThat(client.command("MAIL FROM:<a@example.com>")).as("known down: refused early")
                    .startsWith("451 4.3.0");
        }
    }
}

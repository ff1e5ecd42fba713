package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.TestServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 Angus Mail clients send 50 messages each at once, each on one connection; a consumer
 * reads back exactly 1,000 messages, each once, each byte for byte what its client sent; the
 * handler did it on one connection with a session per concurrent sender.
 */
class ConcurrentClientsTest {
    private static final int CLIENTS = 20;
    private static final int EACH = 50;

    @TempDir
    Path dir;

    @Test
    void thousandMessagesFromTwentyClientsArriveExactlyOnceAndByteExact() throws Exception {
        Map<String, String> sent = new ConcurrentHashMap<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir);
                JmsHandler jms = new JmsHandler(JmsSettings.builder(broker.connectionFactory())
                        .destination(DestinationName.queue("load")).build());
                TestServer server = new TestServer(b -> b, jms)) {
            ClientThreads.start(CLIENTS, n -> send(server.port(), n, sent)).await(120);
            assertThat(broker.connectionsEverOpened()).as("one pooled connection").isEqualTo(1);
            assertThat(broker.openSessions()).as("sessions reused, at most one per sender thread and the"
                    + " connection's own").isLessThanOrEqualTo(CLIENTS + 1);
            List<ReceivedMail> got = ReceivedMail.drain(broker.connectionFactory(), "load", CLIENTS * EACH, 10_000);

            assertThat(got).hasSize(CLIENTS * EACH);
            Map<String, ReceivedMail> byId = got.stream().collect(Collectors.toMap(
                    m -> (String) m.properties().get("MailMessageId"), Function.identity()));
            assertThat(byId.keySet()).isEqualTo(sent.keySet());
            byId.forEach((id, mail) -> assertThat(mail.afterReceived()).as(id).isEqualTo(sent.get(id)));
            assertThat(got).extracting(m -> m.properties().get("InboundMessageId")).doesNotHaveDuplicates();
        }
    }

    /** One Angus Mail transport, one connection, {@link #EACH} messages; records what went out by Message-ID. */
    private static void send(int port, int client, Map<String, String> sent) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.localhost", "client" + client + ".test");
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < EACH; i++) {
                MimeMessage message = new MimeMessage(session) {
                    @Override
                    protected void updateMessageID() throws jakarta.mail.MessagingException {
                        setHeader("Message-ID", "<" + client + "." + getSubject().hashCode() + "@load.test>");
                    }
                };
                message.setFrom(new InternetAddress("client" + client + "@example.org"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("load@example.com"));
                message.setSubject("message " + i + " of client " + client);
                message.setText("Client " + client + ", message " + i + "\r\n.a dot line\r\nGrüße\r\n", "UTF-8");
                message.saveChanges();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                message.writeTo(bytes);
                transport.sendMessage(message, message.getAllRecipients());
                sent.put(message.getMessageID(), bytes.toString(StandardCharsets.UTF_8));
            }
        }
    }
}

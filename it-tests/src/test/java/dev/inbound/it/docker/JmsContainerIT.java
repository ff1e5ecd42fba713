package dev.inbound.it.docker;

import static dev.inbound.it.docker.SmtpTransaction.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.inbound.docker.InboundContainer;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;

/**
 * The inbound image with the jms handler, publishing to an Artemis broker in a second
 * container on the same network, as in a compose file; an application on the host consumes.
 * The broker requires a login, so every delivery proves the credentials reached the handler
 * through {@code INBOUND_JMS_USER} and {@code INBOUND_JMS_PASSWORD}.
 */
class JmsContainerIT {
    private static final String QUEUE = "mail.in";
    /** Recipients in this domain go to a queue of their own, so the outage test counts only its mail. */
    private static final String OUTAGE_DOMAIN = "outage.example";
    private static final String OUTAGE_QUEUE = "mail.outage";
    /**
     * The handler's timeout: what a client waits on a hung broker before its 451. Short, for a
     * quick outage test, yet long enough for a first delivery's connecting on a busy machine.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String HELO = "client.example";

    private static Network network;
    private static ArtemisContainer broker;
    private static InboundContainer inbound;

    @BeforeAll
    static void start() {
        network = Network.newNetwork();
        broker = new ArtemisContainer().withNetwork(network);
        inbound = InboundImage.container()
                .withNetwork(network)
                .withJms(ArtemisContainer.URL_ON_NETWORK, QUEUE)
                .withEnv("INBOUND_JMS_USER", ArtemisContainer.USER)
                .withEnv("INBOUND_JMS_PASSWORD", ArtemisContainer.PASSWORD)
                .withHandlerOption("route." + OUTAGE_DOMAIN, "queue:" + OUTAGE_QUEUE)
                .withHandlerOption("timeout", String.valueOf(TIMEOUT.toSeconds()))
                .withHandlerOption("retry-interval", "1");
        broker.start(); // live before Inbound, as a compose file's depends_on with a health check has it
        inbound.start();
    }

    @AfterAll
    static void stop() {
        if (inbound != null) {
            inbound.stop();
        }
        if (broker != null) {
            broker.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    /** What a client was told was accepted: 250 after the end of data. */
    private record Sent(String messageId, String from, List<String> to, String subject, byte[] attachment) {
    }

    @Test
    void publishesEveryAcceptedMessageOnceWithItsEnvelope() throws Exception {
        Map<String, Sent> sent = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int client = 0; client < 5; client++) {
                int c = client;
                work.add(clients.submit(() -> {
                    try (Transport transport = connect()) {
                        for (int i = 0; i < 10; i++) { // ten transactions on one connection
                            send(transport, sent, "sender" + c + "@example.org", List.of("rcpt" + i + "@example.com"),
                                    "Message " + i + " of client " + c + ", Grüße", null);
                        }
                    }
                    return null;
                }));
            }
            work.add(clients.submit(() -> {
                try (Transport transport = connect()) {
                    send(transport, sent, "list@example.org",
                            List.of("one@example.com", "two@example.net", "three@example.com"), "To three", null);
                    byte[] attachment = new byte[2 * 1024 * 1024];
                    new Random(42).nextBytes(attachment);
                    send(transport, sent, "big@example.org", List.of("archive@example.com"), "Two megabytes", attachment);
                }
                return null;
            }));
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(sent).hasSize(52);

        Map<String, PublishedMail> published = new HashMap<>();
        try (MailQueue queue = new MailQueue(broker.connectionFactory(), QUEUE)) {
            for (PublishedMail mail : queue.take(sent.size(), Duration.ofSeconds(60))) {
                assertThat(published.put(mail.messageId(), mail)).as("published twice: %s", mail.messageId()).isNull();
            }
            // Every 250 came after the broker's commit, so anything more would be on the queue already.
            assertThat(queue.nextWithin(Duration.ofSeconds(1))).as("a message beyond those sent").isNull();
        }
        assertThat(published.keySet()).isEqualTo(sent.keySet());
        for (Sent mail : sent.values()) {
            assertPublishedAsSent(published.get(mail.messageId()), mail);
        }
    }

    private static void assertPublishedAsSent(PublishedMail published, Sent sent) throws Exception {
        assertThat(published.deliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(published.property("SmtpMailFrom")).isEqualTo(sent.from());
        assertThat(published.property("SmtpRcptTo")).isEqualTo(String.join(",", sent.to()));
        assertThat(published.property("SmtpRcptCount")).isEqualTo(sent.to().size());
        assertThat(published.property("SmtpHelo")).isEqualTo(HELO);
        assertThat(published.property("SmtpClientAddress")).isNotNull();
        assertThat(published.property("MailSubject")).isEqualTo(sent.subject());
        assertThat(published.property("MailSize")).isEqualTo((long) published.body().length);
        assertThat((String) published.property("InboundMessageId")).isNotBlank();

        MimeMessage mail = published.mail();
        assertThat(mail.getHeader("Received")).as("the trace header Inbound adds").isNotEmpty();
        assertThat(mail.getMessageID()).isEqualTo(sent.messageId());
        assertThat(mail.getSubject()).isEqualTo(sent.subject());
        if (sent.attachment() != null) {
            MimeBodyPart part = (MimeBodyPart) ((Multipart) mail.getContent()).getBodyPart(1);
            assertThat(part.getInputStream().readAllBytes()).isEqualTo(sent.attachment());
        }
    }

    @Test
    void answers451WhileTheBrokerHangsAndDeliversAgainOnceItIsBack() throws Exception {
        List<String> offered = new ArrayList<>(List.of("<before@it.example>"));
        // Accepted first, so that the handler holds a connection when the broker stops answering on it.
        assertThat(offer(inbound.getHost(), inbound.getSmtpPort(), "before@" + OUTAGE_DOMAIN, offered.get(0))).startsWith("250");

        DockerClient docker = broker.getDockerClient();
        List<String> during = new ArrayList<>();
        long started = System.nanoTime();
        docker.pauseContainerCmd(broker.getContainerId()).exec();
        try {
            // The first waits out the timeout; the next, while the handler knows the broker is down, is refused at once.
            for (int i = 0; i < 2; i++) {
                String id = "<during-" + i + "@it.example>";
                offered.add(id);
                during.add(offer(inbound.getHost(), inbound.getSmtpPort(), "during@" + OUTAGE_DOMAIN, id));
            }
        } finally {
            docker.unpauseContainerCmd(broker.getContainerId()).exec();
        }
        assertThat(during).allSatisfy(reply -> assertThat(reply).startsWith("451 4.3.0"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no client waits much past the timeout")
                .isLessThan(TIMEOUT.multipliedBy(2).plusSeconds(10));

        String accepted = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int attempt = 0; accepted == null; attempt++) {
            String id = "<after-" + attempt + "@it.example>";
            offered.add(id);
            String reply = offer(inbound.getHost(), inbound.getSmtpPort(), "after@" + OUTAGE_DOMAIN, id);
            if (reply.startsWith("250")) {
                accepted = id;
            } else {
                assertThat(reply).startsWith("451 4.3.0");
                assertThat(System.nanoTime() - deadline).as("accepted again within 60 s of the broker's return").isNegative();
                Thread.sleep(200);
            }
        }

        List<String> onQueue = new ArrayList<>();
        try (MailQueue queue = new MailQueue(broker.connectionFactory(), OUTAGE_QUEUE)) {
            for (PublishedMail mail; (mail = queue.nextWithin(Duration.ofSeconds(2))) != null; ) {
                onQueue.add(mail.messageId());
            }
        }
        // A 451 given at the timeout may still land: its commit was on its way to the paused
        // broker. That is a duplicate for the client's retry, never a loss; each 250 is there once.
        assertThat(onQueue).containsOnlyOnce(offered.get(0), accepted).doesNotHaveDuplicates();
        assertThat(offered).containsAll(onQueue);
    }

    @Test
    void brokerRefusesAnyOtherLogin() throws Exception {
        try (ActiveMQConnectionFactory stranger = new ActiveMQConnectionFactory(broker.getBrokerUrl(),
                ArtemisContainer.USER, "not-" + ArtemisContainer.PASSWORD)) {
            assertThatThrownBy(() -> stranger.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        }
    }

    private static Transport connect() throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", inbound.getHost());
        properties.put("mail.smtp.port", String.valueOf(inbound.getSmtpPort()));
        properties.put("mail.smtp.localhost", HELO);
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        Transport transport = Session.getInstance(properties).getTransport("smtp");
        transport.connect();
        return transport;
    }

    /** Sends one message; returns only if it was accepted (Angus Mail throws on anything but 250). */
    private static void send(Transport transport, Map<String, Sent> sent, String from, List<String> to, String subject,
            byte[] attachment) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        for (String rcpt : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
        }
        message.setSubject(subject, "UTF-8");
        if (attachment == null) {
            message.setText("Hello from " + from + ".\n", "UTF-8");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText("Attached: two megabytes of noise.\n", "UTF-8");
            MimeBodyPart data = new MimeBodyPart();
            data.setDataHandler(new jakarta.activation.DataHandler(
                    new ByteArrayDataSource(attachment, "application/octet-stream")));
            data.setFileName("noise.bin");
            message.setContent(new MimeMultipart(text, data));
        }
        message.saveChanges(); // sets the Message-ID that tells the published messages apart
        transport.sendMessage(message, message.getAllRecipients());
        sent.put(message.getMessageID(), new Sent(message.getMessageID(), from, to, subject, attachment));
    }
}

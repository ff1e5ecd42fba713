package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.inbound.it.ReadmeSnippets;
import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The README's "With a broker" lines, run as they are by {@code sh} with the docker command
 * line: a unique network name and free ports, the images built here (the broker's takes its
 * login from the environment as the official one does). Then a message through Inbound must
 * reach the queue, read from the host with the README's login.
 */
class JmsContainersReadmeIT {

    @Test
    void readmeContainersCarryMailFromSmtpToTheQueue() throws Exception {
        String network = "inbound-it-" + UUID.randomUUID().toString().substring(0, 8);
        int smtpPort = freePort();
        int brokerPort = freePort();
        try {
            ProcessRunner.Result run = ProcessRunner.run(List.of("env", "NETWORK=" + network,
                    "SMTP_PORT=" + smtpPort, "BROKER_PORT=" + brokerPort,
                    "BROKER_IMAGE=" + ArtemisImage.get().asCanonicalNameString(),
                    "INBOUND_IMAGE=" + InboundImage.get().asCanonicalNameString(),
                    "sh", "-ec", ReadmeSnippets.get("jms-containers")));
            assertThat(run.exitCode()).as(run.describe()).isZero();

            String messageId = "<readme-" + UUID.randomUUID() + "@it.example>";
            assertThat(acceptedWithin(Duration.ofSeconds(90), smtpPort, messageId)).startsWith("250");
            // The login and the queue as the README's lines set them.
            try (MailQueue queue = new MailQueue(new ActiveMQConnectionFactory("tcp://localhost:" + brokerPort,
                    "inbound", "secret"), "mail.in")) {
                PublishedMail mail = queue.take(1, Duration.ofSeconds(30)).get(0);
                assertThat(mail.messageId()).isEqualTo(messageId);
                assertThat(mail.property("SmtpRcptTo")).isEqualTo("someone@example.com");
                assertThat(queue.nextWithin(Duration.ofSeconds(1))).as("a message beyond the one sent").isNull();
            }
        } finally {
            remove(network);
        }
    }

    /**
     * The lines do not wait for either container: until Inbound listens, connections close at
     * once; until the broker is live, Inbound answers 451. A client retries both, as this does.
     */
    private static String acceptedWithin(Duration limit, int port, String messageId) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no reply";
        while (System.nanoTime() - deadline < 0) {
            try {
                last = SmtpTransaction.offer("localhost", port, "someone@example.com", messageId);
                if (!last.startsWith("451")) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Not accepted within " + limit + "; last: " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The containers the lines started (all on the network, and nowhere else), their volumes, the network. */
    private static void remove(String network) {
        DockerClient docker = DockerClientFactory.instance().client();
        List<Container> started = docker.listContainersCmd().withShowAll(true).withNetworkFilter(List.of(network)).exec();
        for (Container container : started) {
            docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        if (!docker.listNetworksCmd().withNameFilter(network).exec().isEmpty()) {
            docker.removeNetworkCmd(network).exec();
        }
    }
}

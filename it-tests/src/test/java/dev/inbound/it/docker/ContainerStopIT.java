package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.docker.InboundContainer;
import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * {@code docker stop} sends SIGTERM to the JVM, PID 1 in the container: the server refuses new
 * sessions, lets the message being transferred finish, and exits well within Docker's 10 s.
 */
class ContainerStopIT {
    @Test
    void dockerStopLetsTheMessageInTransferFinishAndExitsPromptly() throws Exception {
        try (InboundContainer inbound = InboundImage.container().withMaildir()) {
            inbound.start();
            String id = inbound.getContainerId();
            try (SmtpTestClient client = new SmtpTestClient(inbound.getHost(), inbound.getSmtpPort())) {
                client.greet().startData().sendRaw("Subject: in flight\r\n\r\nfirst half\r\n");

                long begin = System.nanoTime();
                CompletableFuture<Void> stop = CompletableFuture.runAsync(() ->
                        DockerClientFactory.instance().client().stopContainerCmd(id).withTimeout(10).exec());
                awaitRefusingNewSessions(inbound);

                assertThat(client.endData("second half\r\n")).startsWith("250");
                stop.get(15, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                System.out.println("ContainerStopIT: docker stop took " + took.toMillis() + " ms");
                assertThat(took).isLessThan(Duration.ofSeconds(5));
            }
            var state = DockerClientFactory.instance().client().inspectContainerCmd(id).exec().getState();
            // 143: the JVM's exit after SIGTERM, not 137 (SIGKILL after the timeout).
            assertThat(state.getExitCodeLong()).isEqualTo(143L);
            String logs = inbound.getLogs();
            assertThat(logs).contains("stopped");
            // Stored with LF line endings, the maildir handler's default.
            assertThat(messageFiles(id)).contains("first half\nsecond half");
        }
    }

    /** Polls new connections, with a deadline, until the stopping server greets them with 421. */
    private static void awaitRefusingNewSessions(InboundContainer inbound) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String greeting = "";
        while (!greeting.startsWith("421") && System.nanoTime() < deadline) {
            try (SmtpTestClient probe = new SmtpTestClient(inbound.getHost(), inbound.getSmtpPort())) {
                greeting = probe.reply();
            } catch (IOException closed) {
                greeting = closed.toString();
            }
            Thread.sleep(50);
        }
        assertThat(greeting).startsWith("421");
    }

    /** Every file under the stopped container's Maildir, concatenated, copied out as docker cp does. */
    private static String messageFiles(String containerId) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                DockerClientFactory.instance().client().copyArchiveFromContainerCmd(containerId,
                        InboundContainer.MAILDIR + "/new").exec())) {
            StringBuilder all = new StringBuilder();
            for (TarArchiveEntry entry = tar.getNextTarEntry(); entry != null; entry = tar.getNextTarEntry()) {
                if (entry.isFile()) {
                    all.append(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return all.toString();
        }
    }
}

package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.it.ReadmeSnippets;
import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's "Run the container" commands, run as they are written with {@code sh -c} in the
 * repository: the image builds, and the container it starts takes mail for example.com into
 * its Maildir volume and refuses other domains. Prints the start-up times it measures.
 */
class ReadmeContainerIT {
    private static final String VOLUME = "inbound-mail";
    private String container;

    @AfterEach
    void removeContainerAndVolume() throws Exception {
        if (container != null) {
            shell("docker rm -f -v " + container);
            shell("docker volume rm " + VOLUME);
        }
    }

    @Test
    void theReadmesBuildAndRunCommandsGiveAServerThatDeliversToTheVolume() throws Exception {
        InboundImage.get(); // fails with the way out when the base image is missing
        Result build = shell(ReadmeSnippets.get("docker-build"));
        assertThat(build.exit()).as(build.output()).isZero();

        long begin = System.nanoTime();
        Result run = shell(ReadmeSnippets.get("docker-run"));
        assertThat(run.exit()).as(run.output()).isZero();
        container = run.output().strip().lines().reduce((first, last) -> last).orElseThrow();

        Duration listening = awaitLog("Inbound 0.1.0-SNAPSHOT listening on 0.0.0.0:25, on 0.0.0.0:587", begin);
        int port = Integer.parseInt(shell("docker port " + container + " 25/tcp").output().strip().lines()
                .findFirst().orElseThrow().replaceAll(".*:", ""));
        try (SmtpTestClient client = new SmtpTestClient("localhost", port)) {
            assertThat(client.reply()).startsWith("220 ");
            Duration greeted = Duration.ofNanos(System.nanoTime() - begin);
            System.out.println("ReadmeContainerIT: docker run -> listening " + listening.toMillis()
                    + " ms, -> first 220 " + greeted.toMillis() + " ms");
            assertThat(client.command("EHLO client.example")).startsWith("250");
            assertThat(client.command("MAIL FROM:<a@sender.example>")).startsWith("250");
            assertThat(client.command("RCPT TO:<someone@other.example>")).startsWith("554 5.7.1");
            assertThat(client.command("RCPT TO:<bob@example.com>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            assertThat(client.endData("Subject: via the README\r\n\r\nhello\r\n")).startsWith("250");
        }
        Result stored = shell("docker exec " + container + " grep -rl 'Subject: via the README' /var/mail/new");
        assertThat(stored.output().strip()).as(stored.output()).startsWith("/var/mail/new/");
        Result owner = shell("docker exec " + container + " stat -c %u /var/mail/new");
        assertThat(owner.output().strip()).isEqualTo("10025");
    }

    private Duration awaitLog(String line, long begin) throws Exception {
        long deadline = begin + TimeUnit.SECONDS.toNanos(60);
        Result logs = shell("docker logs " + container);
        while (!logs.output().contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            logs = shell("docker logs " + container);
        }
        assertThat(logs.output()).contains(line);
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private record Result(int exit, String output) {
    }

    /** Runs {@code script} with sh in the repository's top folder; stdout and stderr together. */
    private static Result shell(String script) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("sh", "-c", script)).directory(ReadmeSnippets.repository().toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + script);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

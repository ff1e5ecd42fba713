package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.BareNewlinePolicy;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curl's SMTP upload ({@code curl smtp://... -T file}) against Inbound, without a Received header. */
class CurlClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void deliversUploadedFileByteForByteToTwoRecipients(@TempDir Path dir) throws Exception {
        // lines starting with a dot make curl dot-stuff them and the server unstuff them
        String message = "From: sender@example.com\r\nTo: a@example.com, b@example.com\r\nSubject: curl\r\n\r\n"
                + "first line\r\n.leading dot\r\n..two dots\r\n.\r\nlast line\r\n";
        Path file = Files.writeString(dir.resolve("message.eml"), message, StandardCharsets.UTF_8);
        try (TestServer server = new TestServer(b -> b.receivedHeader(false))) {
            ProcessRunner.Result result = curl(server.port(), file);

            assertThat(result.exitCode()).as(result.describe()).isZero();
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.mailFrom()).isEqualTo("sender@example.com");
            assertThat(got.rcptTos()).containsExactly("a@example.com", "b@example.com");
            assertThat(got.content()).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void deliversFileWithUnixLineEndsAsCrlfWithCrlfOption(@TempDir Path dir) throws Exception {
        String lines = "Subject: curl --crlf\n\nfirst line\n.leading dot\nlast line\n";
        Path file = Files.writeString(dir.resolve("message.eml"), lines, StandardCharsets.UTF_8);
        try (TestServer server = new TestServer(b -> b.receivedHeader(false))) {
            ProcessRunner.Result result = curl(server.port(), file, "--crlf");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.text()).isEqualTo(lines.replace("\n", "\r\n"));
        }
    }

    @Test
    void normalizesUnixLineEndsSentWithoutCrlfOption(@TempDir Path dir) throws Exception {
        String lines = "Subject: bare LF\n\nfirst line\nlast line\n";
        Path file = Files.writeString(dir.resolve("message.eml"), lines, StandardCharsets.UTF_8);
        try (TestServer server = new TestServer(b -> b.receivedHeader(false))) {
            ProcessRunner.Result result = curl(server.port(), file);

            assertThat(result.exitCode()).as(result.describe()).isZero();
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            // curl ends data with CRLF.CRLF after the file's last bare LF, hence one empty line more
            assertThat(got.text()).isEqualTo(lines.replace("\n", "\r\n") + "\r\n");
        }
    }

    @Test
    void refusesUnixLineEndsSentWithoutCrlfOptionWhenPolicyIsReject(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("message.eml"), "Subject: bare LF\n\nbody\n");
        try (TestServer server = new TestServer(b -> b.bareNewline(BareNewlinePolicy.REJECT))) {
            ProcessRunner.Result result = curl(server.port(), file, "--verbose");

            // curl 7.88 reports a refusal after the data as "(8) Weird server reply"; -v shows the reply
            assertThat(result.exitCode()).as(result.describe()).isNotZero();
            assertThat(result.stderr()).contains("< 550 5.5.2");
            assertThat(server.collector.messages()).isEmpty();
        }
    }

    private static ProcessRunner.Result curl(int port, Path file, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error",
                "--max-time", "30", "smtp://127.0.0.1:" + port + "/client.example",
                "--mail-from", "sender@example.com",
                "--mail-rcpt", "a@example.com", "--mail-rcpt", "b@example.com",
                "-T", file.toString()));
        command.addAll(List.of(extra));
        return ProcessRunner.run(command);
    }
}

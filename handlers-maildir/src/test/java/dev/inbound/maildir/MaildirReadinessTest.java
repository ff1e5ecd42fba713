package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.cli.RunningInbound;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's readiness: a root it can make and write, on a disk with min-free left. */
class MaildirReadinessTest {
    @TempDir
    Path dir;

    @Test
    void readyWithARootNotMadeYetUnderAWritableDirectory() {
        assertThat(new MaildirHandler(MaildirSettings.single(dir.resolve("mail/inbox"))).notReady()).isEmpty();
    }

    @Test
    void notReadyWhenTheRootCannotBeADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        MaildirHandler handler = new MaildirHandler(MaildirSettings.single(file.resolve("inbox")));
        assertThat(handler.notReady()).hasValueSatisfying(reason -> assertThat(reason)
                .contains(file.resolve("inbox").toString()).contains("not a writable directory"));
    }

    @Test
    void notReadyWhenTheDiskHasLessThanMinFree() {
        long moreThanAnyDisk = Long.MAX_VALUE / 2;
        MaildirHandler handler = new MaildirHandler(MaildirSettings.builder(dir).minFree(moreThanAnyDisk).build());
        assertThat(handler.notReady()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("less than min-free " + moreThanAnyDisk));
    }

    @Test
    void theCommandsReadyzAndHealthTellOfARootThatCannotBeWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        HttpClient http = HttpClient.newHttpClient();
        try (RunningInbound inbound = RunningInbound.start("--handler", "maildir",
                "--handler-option", "root=" + file.resolve("inbox"))) {
            HttpResponse<String> readyz = http.send(HttpRequest.newBuilder(inbound.http("/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readyz.statusCode()).isEqualTo(503);
            assertThat(readyz.body()).startsWith("not ready: Maildir root " + file.resolve("inbox"));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(RunningInbound.health(Map.of("INBOUND_HTTP", "127.0.0.1:" + inbound.httpPort), err)).isOne();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("/readyz: 503 not ready: Maildir root");
        }
        try (RunningInbound inbound = RunningInbound.start("--handler", "maildir",
                "--handler-option", "root=" + dir.resolve("inbox"))) {
            assertThat(http.send(HttpRequest.newBuilder(inbound.http("/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(RunningInbound.health(Map.of(), "--http", "127.0.0.1:" + inbound.httpPort)).isZero();
        }
    }
}

package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.cli.RunningCommand;
import dev.inbound.smtp.SmtpTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inbound --handler maildir,store --http ...}: each message in the Maildir and, the same bytes, in the HTTP API. */
class MaildirWithStoreTest {
    private static final Pattern STARTED = Pattern.compile(
            "Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) with handler maildir,store, HTTP API on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void theCommandDeliversToTheMaildirAndKeepsTheMessageForTheApi(@TempDir Path root) throws Exception {
        try (RunningCommand inbound = RunningCommand.start(Map.of(), STARTED, "--listen", "127.0.0.1:0",
                "--handler", "maildir,store", "--handler-option", "root=" + root + ",store.max-messages=10",
                "--http", "127.0.0.1:0")) {
            try (SmtpTestClient client = new SmtpTestClient(inbound.port(1))) {
                client.greet();
                assertThat(client.startData("a@example.com", "b@example.net")
                        .endData("Subject: both\r\n\r\nkept twice\r\n")).startsWith("250");
            }

            HttpResponse<byte[]> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + inbound.port(2) + "/api/messages/1/raw")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(raw.statusCode()).isEqualTo(200);
            List<Path> delivered;
            try (Stream<Path> files = Files.list(root.resolve("new"))) {
                delivered = files.toList();
            }
            assertThat(delivered).hasSize(1);
            // The Maildir file is the message with Return-Path and Delivered-To before it, and LF line ends.
            assertThat(Files.readString(delivered.get(0))).startsWith("Return-Path: <a@example.com>\n").endsWith(
                    new String(raw.body(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
            assertThat(new String(raw.body(), StandardCharsets.UTF_8)).startsWith("Received: ").endsWith("kept twice\r\n");
        }
    }

    /** A store behind maildir that cannot keep a message must not refuse what maildir already delivered. */
    @Test
    void aMessageTooBigForTheStoreIsStillDeliveredOnce(@TempDir Path root) throws Exception {
        try (RunningCommand inbound = RunningCommand.start(Map.of(), STARTED, "--listen", "127.0.0.1:0",
                "--handler", "maildir,store", "--handler-option", "root=" + root + ",store.max-size=200",
                "--http", "127.0.0.1:0")) {
            try (SmtpTestClient client = new SmtpTestClient(inbound.port(1))) {
                client.greet();
                assertThat(client.startData("a@example.com", "b@example.net")
                        .endData("Subject: big\r\n\r\n" + "x".repeat(500) + "\r\n")).startsWith("250 ");
            }
            HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + inbound.port(2) + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.body()).startsWith("{\"total\":0,");
            try (Stream<Path> files = Files.list(root.resolve("new"))) {
                assertThat(files.toList()).hasSize(1);
            }
        }
    }
}

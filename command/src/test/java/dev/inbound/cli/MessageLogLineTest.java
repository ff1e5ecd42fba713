package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inbound.smtp.InboundProcess;
import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-message log line of the {@code inbound} command, as text and as JSON. */
class MessageLogLineTest {
    /** The README shows this line; only the session id and the time taken differ from run to run. */
    private static final String README_EXAMPLE = """
            INFO  [S1] dev.inbound.message - message session="S1" id="S1-1" client="127.0.0.1" from="alice@example.com" rcpts="1" size="28" result="250 2.0.0" ms="1"
            """.trim();
    private static final String CONTENT = "Subject: hi\r\n\r\nhello there\r\n";

    @TempDir
    Path dir;

    @Test
    void theTextLineIsTheReadmesExample() throws Exception {
        Path log = dir.resolve("text.log");
        String line;
        try (InboundProcess inbound = InboundProcess.start(List.of(), log, "--handler", "sink")) {
            String session = send(inbound.port());
            line = await(log, " dev.inbound.message - ");
            // a line without key="value" fields ends where its message does
            assertThat(await(log, " connect from ")).matches(".* connect from /127\\.0\\.0\\.1:\\d+");
            assertThat(line).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*");
            // "2026-11-29 23:30:00.123 INFO  [..." without the time; the session id as in the README
            line = line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1).replace(session, "S1")
                    .replaceAll(" ms=\"\\d+\"$", " ms=\"1\"");
        }
        assertThat(line).isEqualTo(README_EXAMPLE);
    }

    @Test
    void withLogFormatJsonEveryLogLineIsAJsonObjectAndTheMessageLineHasItsFields() throws Exception {
        Path log = dir.resolve("json.log");
        ObjectMapper json = new ObjectMapper();
        String session;
        try (InboundProcess inbound = InboundProcess.start(List.of(), log, "--handler", "sink", "--log-format", "json")) {
            session = send(inbound.port());
            await(log, "\"dev.inbound.message\"");
            await(log, "\"disconnect from ");
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3); // connect, message, disconnect
        JsonNode message = null;
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.path("level").asText()).as(line).isNotEmpty();
            assertThat(node.path("formattedMessage").asText()).as(line).isNotEmpty();
            if (node.path("loggerName").asText().equals("dev.inbound.message")) {
                message = node;
            }
        }
        assertThat(message).isNotNull();
        assertThat(message.path("mdc").path("session").asText()).isEqualTo(session);
        Map<String, String> fields = new HashMap<>();
        message.path("kvpList").forEach(pair -> pair.fields().forEachRemaining(
                field -> fields.put(field.getKey(), field.getValue().asText())));
        assertThat(fields).containsEntry("session", session).containsEntry("from", "alice@example.com")
                .containsEntry("rcpts", "1").containsEntry("size", Integer.toString(CONTENT.length())).containsEntry("result", "250 2.0.0")
                .containsEntry("client", "127.0.0.1").containsKeys("id", "ms");
    }

    /**
     * Logback prints its own status on stdout, where the command prints only its one line, as
     * soon as its configuration gives it a warning: there must be none, in either format.
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void theConfigurationLoadsWithoutAWarningInEitherFormat(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("inbound.log.format", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/inbound-cli-logback.xml"));

        List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() > Status.INFO).toList();
        assertThat(problems).isEmpty();
        BatchingAppender async = (BatchingAppender) context.getLogger("ROOT").getAppender("ASYNC");
        OutputStreamAppender<?> console = (OutputStreamAppender<?>) async.getAppender("CONSOLE");
        assertThat(console.getEncoder()).isInstanceOf(format.equals("json") ? JsonEncoder.class : PatternLayoutEncoder.class);
        context.stop();
    }

    /** Sends one message from alice to bob; returns the session id, which the 250 reply names. */
    private static String send(int port) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(port).greet()) {
            client.startData("alice@example.com", "bob@example.com");
            String reply = client.endData(CONTENT);
            assertThat(reply).startsWith("250 2.0.0 OK: queued as ");
            String id = reply.substring("250 2.0.0 OK: queued as ".length());
            client.command("QUIT");
            return id.substring(0, id.lastIndexOf('-'));
        }
    }

    /** The first line of {@code log} containing {@code text}, polling up to 10 seconds. */
    private static String await(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            Optional<String> line = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(candidate -> candidate.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no line with " + text + " in " + Files.readString(log));
    }
}

package dev.inbound.smtp.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.ChildClassPath;
import dev.inbound.smtp.SmtpTestClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink path never holds a 1 MiB message as one {@code byte[]}: the server runs in its own
 * JVM with tiny TLABs, so that every large array is allocated outside one, where Flight
 * Recorder sees it with its size. The same probe against a spool threshold above the message
 * size must see the whole message in one array, or it would prove nothing.
 */
class SinkMemoryTest {
    private static final int MESSAGE = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aOneMebibyteMessageIsNeverOneArray() throws Exception {
        assertThat(arraysOfTheWholeMessage(null)).isEmpty();
    }

    @Test
    void theProbeSeesTheMessageWhenTheSpoolKeepsItInMemory() throws Exception {
        assertThat(arraysOfTheWholeMessage(Integer.toString(4 * MESSAGE))).isNotEmpty();
    }

    /** The allocations of arrays of at least the message's size while a server takes two such messages. */
    private List<String> arraysOfTheWholeMessage(String spoolThreshold) throws Exception {
        Path settings = dir.resolve("large-arrays.jfc");
        Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0">
                  <event name="jdk.ObjectAllocationOutsideTLAB">
                    <setting name="enabled">true</setting>
                    <setting name="stackTrace">true</setting>
                  </event>
                </configuration>
                """);
        Path recording = dir.resolve("allocations.jfr");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TLABSize=16k", "-XX:-ResizeTLAB",
                "-XX:StartFlightRecording=filename=" + recording + ",settings=" + settings,
                "-cp", ChildClassPath.of(entry -> true), SinkServer.class.getName()));
        if (spoolThreshold != null) {
            command.add(spoolThreshold);
        }
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(portLine(out).substring(5));
            String body = ("y".repeat(998) + "\r\n").repeat(MESSAGE / 1000 + 1); // a little over 1 MiB
            try (SmtpTestClient client = new SmtpTestClient(port)) {
                client.greet();
                for (int i = 0; i < 2; i++) {
                    client.startData("a@example.org", "b@example.org");
                    assertThat(client.endData(body)).startsWith("250 ");
                }
            }
            server.getOutputStream().close(); // the server stops, and the recording is written as the JVM exits
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }
        List<String> whole = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getClass("objectClass").getName().startsWith("[") && event.getLong("allocationSize") >= MESSAGE) {
                whole.add(event.getClass("objectClass").getName() + " of " + event.getLong("allocationSize")
                        + " bytes at " + event.getStackTrace().getFrames().get(0).getMethod().getName());
            }
        }
        return whole;
    }

    private static String portLine(BufferedReader out) throws Exception {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PORT ")) {
                return line;
            }
        }
        throw new AssertionError("the server ended without printing its port");
    }
}

package dev.inbound.smtp.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.ChildClassPath;
import dev.inbound.smtp.SmtpTestClient;
import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A 100 MB message passes through a server whose whole heap is 64 MB: content streams to the spool. */
class LargeMessageTest {
    private static final long MESSAGE_BYTES = 100L * 1000 * 1000;

    @Test
    void hundredMegabyteMessagePassesThroughA64MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx64m", "-cp", ChildClassPath.of(entry -> true),
                LargeMessageServer.class.getName()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            int port = Integer.parseInt(readLine(out, "PORT ").substring(5));
            byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] header = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(header);
            long sent = header.length;
            try (SmtpTestClient client = new SmtpTestClient(port)) {
                client.greet();
                client.command("MAIL FROM:<a@example.com> SIZE=" + MESSAGE_BYTES);
                client.command("RCPT TO:<b@example.com>");
                assertThat(client.command("DATA")).startsWith("354");
                BufferedOutputStream data = new BufferedOutputStream(client.outputStream(), 1 << 16);
                data.write(header);
                while (sent + line.length <= MESSAGE_BYTES) {
                    data.write(line);
                    crc.update(line);
                    sent += line.length;
                }
                data.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                data.flush();
                client.setTimeout(60_000);
                assertThat(client.reply()).startsWith("250 2.0.0 OK");
            }
            assertThat(readLine(out, "MESSAGE ")).isEqualTo("MESSAGE big " + sent + " " + crc.getValue() + " " + sent);
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The next line of the server's output that starts with {@code prefix}; anything else (a log line) is skipped. */
    private static String readLine(BufferedReader out, String prefix) throws Exception {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.contains("OutOfMemoryError")) {
                throw new AssertionError(line);
            }
        }
        throw new AssertionError("server ended without a line starting " + prefix);
    }
}

package dev.inbound.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code java -jar dist/target/inbound.jar}, as the README runs it: it starts, logs, and takes mail. */
class RunnableJarIT {
    private static final Pattern STARTED = Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) with handler console");

    private Process server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Reading the server's output blocks; the timeout ends a test whose server fell silent. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void startsWithLoggingAndPrintsAMessageItReceives() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-jar", System.getProperty("inbound.jar"), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            while (port < 0) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                output.add(line);
                Matcher started = STARTED.matcher(line);
                if (started.matches()) {
                    port = Integer.parseInt(started.group(1));
                }
            }
            assertThat(port).as(String.join("\n", output)).isPositive();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream to = socket.getOutputStream();
                BufferedReader from = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(from.readLine()).startsWith("220 ");
                to.write(("HELO client.test\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(List.of(from.readLine(), from.readLine(), from.readLine(), from.readLine()))
                        .allMatch(reply -> reply.startsWith("250") || reply.startsWith("354"));
                to.write("Subject: from the jar test\r\n\r\nhello\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(from.readLine()).startsWith("250 ");
            }
            for (String line = out.readLine(); line != null && !line.contains("disconnect from"); line = out.readLine()) {
                output.add(line);
            }
            // The console handler printed the message, and Logback (bundled) logged the session.
            assertThat(output).anyMatch(line -> line.equals("Subject: from the jar test"))
                    .anyMatch(line -> line.contains("INFO") && line.contains("connect from /127.0.0.1"));
        }
    }
}

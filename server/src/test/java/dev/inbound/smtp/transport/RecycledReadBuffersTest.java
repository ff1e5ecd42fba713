package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Every byte of every message arrives as sent while the I/O threads recycle their read
 * buffers ({@link RecyclingBufferAllocator}): sessions at once, in plaintext and over TLS
 * (whose decrypted buffers are recycled too), with sizes that move MINA's read buffer through
 * every size it recycles.
 */
class RecycledReadBuffersTest {
    private static final int SESSIONS_PER_KIND = 3;
    private static final int MESSAGES_PER_SESSION = 12;

    @Test
    void concurrentPlainAndTlsSessionsDeliverExactlyWhatWasSent() throws Exception {
        Map<String, String> sent = new HashMap<>();
        try (TestServer server = TestServer.withTls()) {
            ExecutorService clients = Executors.newFixedThreadPool(2 * SESSIONS_PER_KIND);
            try {
                List<Future<Map<String, String>>> sessions = new ArrayList<>();
                for (int i = 0; i < SESSIONS_PER_KIND; i++) {
                    int seed = i;
                    sessions.add(clients.submit(() -> send("plain" + seed, seed, new SmtpTestClient(server.port()))));
                    sessions.add(clients.submit(() -> send("tls" + seed, 100 + seed, SmtpTestClient.tls(server.implicitTlsPort()))));
                }
                for (Future<Map<String, String>> session : sessions) {
                    sent.putAll(session.get());
                }
            } finally {
                clients.shutdownNow();
            }
            List<CollectedMessage> received = server.collector.awaitCount(sent.size(), Duration.ofSeconds(20));

            assertThat(received).hasSize(sent.size());
            for (CollectedMessage message : received) {
                String text = new String(message.content(), StandardCharsets.US_ASCII);
                String subject = text.substring(text.indexOf("Subject: ") + 9, text.indexOf("\r\n", text.indexOf("Subject: ")));
                assertThat(sent).containsKey(subject);
                assertThat(text).as(subject).endsWith(sent.get(subject));
            }
        }
    }

    /** Sends a session's messages, each of its own random size and bytes; returns each one's content by subject. */
    private static Map<String, String> send(String session, long seed, SmtpTestClient client) throws Exception {
        Random random = new Random(seed);
        Map<String, String> sent = new HashMap<>();
        try (client) {
            client.greet();
            for (int m = 0; m < MESSAGES_PER_SESSION; m++) {
                String subject = session + "-" + m;
                String content = "Subject: " + subject + "\r\n\r\n" + body(random, 500 + random.nextInt(200_000));
                assertThat(client.startData().endData(content)).startsWith("250 ");
                sent.put(subject, content);
            }
            assertThat(client.command("QUIT")).startsWith("221");
        }
        return sent;
    }

    /** About {@code size} bytes of lines of random letters; no line starts with a dot. */
    private static String body(Random random, int size) {
        StringBuilder body = new StringBuilder(size + 80);
        while (body.length() < size) {
            int length = 1 + random.nextInt(78);
            for (int i = 0; i < length; i++) {
                body.append((char) ('a' + random.nextInt(26)));
            }
            body.append("\r\n");
        }
        return body.toString();
    }
}

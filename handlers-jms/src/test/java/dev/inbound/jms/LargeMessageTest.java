package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.InboundProcess;
import dev.inbound.smtp.SmtpTestClient;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 30 MB messages through {@code inbound --handler jms} running with a 256 MB heap: each reaches
 * the broker as an Artemis large message, streamed from the spool, and reads back byte-exact.
 */
class LargeMessageTest {
    private static final int LINES = 400_000;   // 400,000 lines of 78 bytes + CRLF: 32 MB
    private static final String LINE = "0123456789".repeat(8).substring(0, 78) + "\r\n";
    private static final int MESSAGES = 3;
    /** Three messages held whole would be 90 MiB and more; streamed, the server needs a fraction of one. */
    private static final long LIVE_HEAP_LIMIT_MIB = 60;

    @TempDir
    Path dir;

    @Test
    void threeThirtyMegabyteMessagesAtOnceStreamIntoTheBrokerUnderA256MegabyteHeap() throws Exception {
        // Three at once: held in memory, they and their copies would not fit in the heap together.
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
                InboundProcess inbound = InboundProcess.start(
                        List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + dir.resolve("gc.log")),
                        dir.resolve("inbound.log"), "--handler", "jms",
                        "--handler-option", "url=" + broker.url() + ",destination=large", "--size", "64M")) {
            ClientThreads.start(MESSAGES, n -> sent.add(sendLarge(inbound.port(), n))).await(240);
            assertThat(inbound.alive()).as("no OutOfMemoryError").isTrue();
            assertThat(peakLiveHeapMib(dir.resolve("gc.log"))).as("MiB live after a GC: no message was held in memory")
                    .isLessThan(LIVE_HEAP_LIMIT_MIB);
            assertThat(broker.largeMessageFiles()).as("stored by the broker as large messages").isEqualTo(MESSAGES);

            Set<String> received = new HashSet<>();
            try (Connection connection = broker.connectionFactory().createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("large"));
                for (int i = 0; i < MESSAGES; i++) {
                    BytesMessage message = (BytesMessage) consumer.receive(30_000);
                    assertThat(message).isNotNull();
                    AfterReceivedDigest body = new AfterReceivedDigest();
                    message.setObjectProperty("JMS_AMQ_SaveStream", body);
                    assertThat(message.getLongProperty("MailSize")).isEqualTo(body.total);
                    received.add(HexFormat.of().formatHex(body.digest()));
                }
            }
            assertThat(received).isEqualTo(sent);
        }
    }

    /** Sends 32 MB of lines that start with {@code n}; returns the SHA-256 of what was sent, in hex. */
    private static String sendLarge(int port, int n) throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (SmtpTestClient client = new SmtpTestClient(port).greet()) {
            client.startData();
            byte[] header = ("Subject: large " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            client.sendBytes(header);
            sent.update(header);
            byte[] line = (n + LINE.substring(1)).getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            for (int i = 0; i < LINES / 1000; i++) {
                client.sendBytes(block);
                sent.update(block);
            }
            assertThat(client.endData("")).startsWith("250");
        }
        return HexFormat.of().formatHex(sent.digest());
    }

    /** Digests what comes after the first header line (the {@code Received:} header, folded or not). */
    private static final class AfterReceivedDigest extends OutputStream {
        private final MessageDigest digest;
        private final StringBuilder head = new StringBuilder();
        private boolean inReceived = true;
        long total;

        AfterReceivedDigest() throws Exception {
            digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void write(int b) {
            total++;
            if (!inReceived) {
                digest.update((byte) b);
                return;
            }
            head.append((char) b);
            int n = head.length();
            // a line ended and the next starts with something other than folding white space
            if (n >= 3 && head.charAt(n - 3) == '\r' && head.charAt(n - 2) == '\n' && b != ' ' && b != '\t') {
                inReceived = false;
                digest.update((byte) b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!inReceived) {
                total += len;
                digest.update(b, off, len);
            } else {
                for (int i = 0; i < len; i++) {
                    write(b[off + i]);
                }
            }
        }

        byte[] digest() {
            return digest.digest();
        }
    }

    private static final Pattern AFTER_GC = Pattern.compile("\\d+M->(\\d+)M\\(");

    /** The most heap, in MiB, still in use after a collection (from {@code -Xlog:gc}): what the process really held. */
    private static long peakLiveHeapMib(Path gcLog) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher after = AFTER_GC.matcher(line);
            while (after.find()) {
                peak = Math.max(peak, Long.parseLong(after.group(1)));
            }
        }
        return peak;
    }
}

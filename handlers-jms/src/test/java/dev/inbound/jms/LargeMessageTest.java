package dev.inbound.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 30 MB message through {@code inbound --handler jms} running with a 256 MB heap: it reaches
 * the broker as an Artemis large message, streamed from the spool, and reads back byte-exact.
 */
class LargeMessageTest {
    private static final int LINES = 400_000;   // 400,000 lines of 78 bytes + CRLF: 32 MB
    private static final byte[] LINE = ("0123456789".repeat(8).substring(0, 78) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void thirtyMegabytesStreamIntoTheBrokerUnderA256MegabyteHeap() throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"));
                InboundChildProcess inbound = InboundChildProcess.start("256m",
                        "url=" + broker.url() + ",destination=large", dir.resolve("inbound.log"), "--size", "64M")) {
            try (SmtpTestClient client = new SmtpTestClient(inbound.port).greet()) {
                client.startData();
                OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sent);
                byte[] header = "Subject: large\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                client.sendBytes(header);
                out.write(header);
                byte[] block = new byte[LINE.length * 1000];
                for (int i = 0; i < 1000; i++) {
                    System.arraycopy(LINE, 0, block, i * LINE.length, LINE.length);
                }
                for (int i = 0; i < LINES / 1000; i++) {
                    client.sendBytes(block);
                    out.write(block);
                }
                assertThat(client.endData("")).startsWith("250");
            }
            assertThat(inbound.alive()).as("no OutOfMemoryError").isTrue();
            assertThat(broker.largeMessageFiles()).as("stored by the broker as a large message").isEqualTo(1);

            try (Connection connection = broker.connectionFactory().createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                BytesMessage message = (BytesMessage) session.createConsumer(session.createQueue("large")).receive(30_000);
                assertThat(message).isNotNull();
                AfterReceivedDigest body = new AfterReceivedDigest();
                message.setObjectProperty("JMS_AMQ_SaveStream", body);
                assertThat(message.getLongProperty("MailSize")).isEqualTo(body.total);
                assertThat(HexFormat.of().formatHex(body.digest()))
                        .isEqualTo(HexFormat.of().formatHex(sent.digest()));
            }
        }
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
}

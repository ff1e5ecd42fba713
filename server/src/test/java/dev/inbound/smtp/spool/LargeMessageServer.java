package dev.inbound.smtp.spool;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpServer;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Run in its own small-heap JVM by {@link LargeMessageTest}: a server whose handler parses
 * each message's headers and streams its bytes, then prints their count and CRC.
 */
public final class LargeMessageServer {
    private LargeMessageServer() {
    }

    public static void main(String[] args) throws Exception {
        Handler measuring = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) throws Exception {
                String subject = envelope.content().mimeMessage().getSubject();
                CRC32 crc = new CRC32();
                long count = 0;
                byte[] buffer = new byte[64 * 1024];
                try (InputStream in = envelope.content().openStream()) {
                    for (int n; (n = in.read(buffer)) > 0; count += n) {
                        crc.update(buffer, 0, n);
                    }
                }
                System.out.println("MESSAGE " + subject + " " + count + " " + crc.getValue()
                        + " " + envelope.content().size());
                System.out.flush();
                return null;
            }
        };
        SmtpServer server = SmtpServer.builder().bind("127.0.0.1").port(0).receivedHeader(false)
                .maxMessageSize(200L * 1024 * 1024).handler(measuring).build();
        server.start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slow clients cannot hold the server: a normal client is served within a second while 200 of them are connected. */
class SlowClientsTest {
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(1);

    @Test
    void normalClientIsServedWhile200SlowConnectionsComeFromOneAddress() throws Exception {
        try (TestServer server = new TestServer()) {
            List<Socket> slow = openSlow(server.port(), 200, 1);
            try {
                assertServedPromptly(server, "127.0.0.100");
            } finally {
                closeAll(slow);
            }
        }
    }

    @Test
    void normalClientIsServedWhile200SlowConnectionsComeFrom20Addresses() throws Exception {
        try (TestServer server = new TestServer()) {
            List<Socket> slow = openSlow(server.port(), 200, 20);
            try {
                assertServedPromptly(server, "127.0.0.200");
            } finally {
                closeAll(slow);
            }
        }
    }

    /** Half the connections stall inside a command line, the other half inside DATA. */
    private static List<Socket> openSlow(int port, int count, int addresses) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress("127.0.0." + (1 + i % addresses), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            String stall = i % 2 == 0 ? "EHLO slow.example\r\nMAIL FROM:<slo"
                    : "EHLO slow.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nSubject: tr";
            socket.getOutputStream().write(stall.getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        return sockets;
    }

    private static void assertServedPromptly(TestServer server, String source) throws Exception {
        long start = System.nanoTime();
        try (SmtpTestClient client = SmtpTestClient.from(source, server.port())) {
            client.greet();
            assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            assertThat(client.endData("Subject: prompt\r\n\r\nx\r\n")).startsWith("250 2.0.0");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SERVED_WITHIN);
        assertThat(server.collector.messages()).hasSize(1);
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

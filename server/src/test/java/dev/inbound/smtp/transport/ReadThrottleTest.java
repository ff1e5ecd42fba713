package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyHeaders;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Sessions that send faster than their handler works have their reading paused and resumed;
 * none may be left paused. Each client gives up after 10 s without a reply.
 */
class ReadThrottleTest {
    private static final int SESSIONS = 10;
    private static final int MESSAGES = 5;
    private static final String BODY = ("z".repeat(998) + "\r\n").repeat(1024);

    @Test
    void concurrentLargeMessagesAllComplete() throws Exception {
        sendConcurrently(b -> b, TestServer::client, false);
    }

    /** The sessions of a non-blocking handler run on the I/O threads, and their queues are throttled too. */
    @Test
    void concurrentLargeMessagesOnTheIoThreadsAllComplete() throws Exception {
        sendConcurrently(b -> b, TestServer::client, true);
    }

    /** The PROXY header filter comes first, before the throttle: the throttle's resume marker must pass it. */
    @Test
    void concurrentLargeMessagesOverTlsBehindAProxyHeaderAllComplete() throws Exception {
        sendConcurrently(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0).proxyTrusted("127.0.0.1")
                .proxyProtocol(Listener.Kind.SMTPS, ProxyMode.REQUIRED),
                server -> SmtpTestClient.tls(ProxyHeaders.v1Tcp4("192.0.2.1", 1), server.implicitTlsPort()), false);
    }

    private interface Connect {
        SmtpTestClient to(TestServer server) throws IOException;
    }

    private static void sendConcurrently(UnaryOperator<SmtpServer.Builder> settings, Connect connect,
            boolean nonBlocking) throws Exception {
        AtomicLong stored = new AtomicLong();
        Handler slowReader = new Handler() {
            @Override
            public Reply onData(Session session, Envelope envelope) throws Exception {
                try (InputStream in = envelope.content().openStream()) {
                    stored.addAndGet(in.transferTo(java.io.OutputStream.nullOutputStream()));
                }
                return null;
            }

            @Override
            public boolean nonBlocking() {
                return nonBlocking;
            }
        };
        ExecutorService clients = Executors.newFixedThreadPool(SESSIONS);
        try (TestServer server = new TestServer(b -> settings.apply(b.receivedHeader(false)), slowReader)) {
            server.collector.clear();
            List<Future<Integer>> results = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                results.add(clients.submit(() -> {
                    int accepted = 0;
                    try (SmtpTestClient client = connect.to(server)) {
                        client.greet();
                        for (int m = 0; m < MESSAGES; m++) {
                            client.startData();
                            if (client.endData(BODY).startsWith("250")) {
                                accepted++;
                            }
                        }
                    }
                    return accepted;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(MESSAGES);
            }
            assertThat(stored.get()).isEqualTo((long) SESSIONS * MESSAGES * BODY.length());
        } finally {
            clients.shutdownNow();
        }
    }
}

package dev.inbound.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** STARTTLS (RFC 3207) and implicit TLS (RFC 8314) over real TLS connections. */
class StartTlsTest {

    @Test
    void startTlsThenEhloAgainAndDeliver() throws Exception {
        try (TestServer server = TestServer.withTls(); SmtpTestClient client = server.client()) {
            client.reply();
            assertThat(client.command("EHLO client.example")).contains("250-STARTTLS");
            assertThat(client.command("HELP")).contains("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS");
            SSLSocket tls = client.upgradeToTls();
            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("503 Error: send HELO first");
            String ehlo = client.command("EHLO client.example");
            assertThat(ehlo).startsWith("250-inbound.test").doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("503 5.5.1 Error: TLS already active");
            client.startData();
            assertThat(client.endData("Subject: secret\r\n\r\nover TLS\r\n")).startsWith("250 2.0.0");
            assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).text())
                    .contains("with ESMTPS id").contains("over TLS");
        }
    }

    @Test
    void plaintextPipelinedAfterStartTlsIsDiscarded() throws Exception {
        try (TestServer server = TestServer.withTls(); SmtpTestClient client = server.client()) {
            client.greet();
            client.sendRaw("STARTTLS\r\nHELP\r\nMAIL FROM:<injected@example.com>\r\n");
            assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            client.upgradeToTls();
            // The first reply over TLS answers the first command sent over TLS, not the HELP.
            assertThat(client.command("NOOP first-over-tls")).isEqualTo("250 OK");
            client.command("EHLO client.example");
            assertThat(client.command("RCPT TO:<b@example.com>")).isEqualTo("503 5.5.1 Error: need MAIL command");
        }
    }

    @Test
    void startTlsIsNotOfferedWithoutKeys() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            client.reply();
            assertThat(client.command("EHLO client.example")).doesNotContain("STARTTLS");
            assertThat(client.command("HELP")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("454 4.7.0 TLS not available");
            assertThat(client.command("STARTTLS now")).isEqualTo("501 5.5.4 Syntax: STARTTLS");
        }
    }

    @Test
    void implicitTlsPortStartsEncrypted() throws Exception {
        try (TestServer server = TestServer.withTls(); SmtpTestClient client = SmtpTestClient.tls(server.implicitTlsPort())) {
            assertThat(client.reply()).startsWith("220 inbound.test");
            assertThat(client.command("EHLO client.example")).doesNotContain("STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("503 5.5.1 Error: TLS already active");
            client.startData();
            assertThat(client.endData("Subject: smtps\r\n\r\nimplicit\r\n")).startsWith("250 2.0.0");
            assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).text()).contains("with ESMTPS id");
        }
    }

    @Test
    void requireStartTlsAllowsOnlyTheWayToTls() throws Exception {
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).requireStartTls(true));
                SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("RSET")).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo(
                    "530 5.7.0 Must issue a STARTTLS command first");
            assertThat(client.command("HELO client.example")).startsWith("530 5.7.0");
            assertThat(client.command("VRFY a")).startsWith("530 5.7.0");
            client.command("STARTTLS");
            client.upgradeToTls();
            client.command("EHLO client.example");
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("250 2.1.0 OK");
        }
    }
    /** Enough that reading pauses and resumes many times while the data streams in over TLS. */
    private static final String TEN_MEGABYTES = ("t".repeat(998) + "\r\n").repeat(10 * 1024);

    @Test
    void largeMessageOverImplicitTlsIsAccepted() throws Exception {
        try (TestServer server = TestServer.withTls(); SmtpTestClient client = SmtpTestClient.tls(server.implicitTlsPort())) {
            client.setTimeout(20_000);
            client.greet();
            client.startData();
            assertThat(client.endData(TEN_MEGABYTES)).startsWith("250 2.0.0");
            assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).content().length)
                    .isGreaterThan(TEN_MEGABYTES.length());
        }
    }

    @Test
    void largeMessageAfterStartTlsIsAccepted() throws Exception {
        try (TestServer server = TestServer.withTls(); SmtpTestClient client = server.client()) {
            client.setTimeout(20_000);
            client.greet();
            client.command("STARTTLS");
            client.upgradeToTls();
            client.command("EHLO client.example");
            client.startData();
            assertThat(client.endData(TEN_MEGABYTES)).startsWith("250 2.0.0");
        }
    }
    /**
     * The first message's handler takes its time, so the second message, pipelined behind it
     * with BDAT, piles up and reading pauses; it must resume through TLS.
     */
    @Test
    void readingResumesOverTlsAfterAPause() throws Exception {
        Handler slowFirst = new Handler() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public Reply onData(Session session, Envelope envelope) throws Exception {
                if (calls.getAndIncrement() == 0) {
                    Thread.sleep(1000);
                }
                return null;
            }
        };
        String chunk = ("x".repeat(998) + "\r\n").repeat(4096);
        String pipelined = "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nBDAT 5 LAST\r\nfirst"
                + "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nBDAT " + chunk.length() + " LAST\r\n" + chunk;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (TestServer server = new TestServer(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0), slowFirst);
                SmtpTestClient client = SmtpTestClient.tls(server.implicitTlsPort())) {
            client.setTimeout(20_000);
            client.greet();
            Future<?> sent = writer.submit(() -> client.sendRaw(pipelined));
            for (int i = 0; i < 6; i++) {
                assertThat(client.reply()).as("reply %d", i).startsWith("250");
            }
            sent.get(1, TimeUnit.SECONDS);
            assertThat(server.collector.awaitCount(2, Duration.ofSeconds(5))).hasSize(2);
        } finally {
            writer.shutdownNow();
        }
    }
}

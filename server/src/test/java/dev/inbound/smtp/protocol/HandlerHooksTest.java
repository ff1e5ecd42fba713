package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The handler decides: its replies go to the client, its failures do not leak. */
class HandlerHooksTest {

    @Test
    void throwingHandlerGets451WithoutTheExceptionText() throws Exception {
        Handler failing = new Handler() {
            @Override
            public Reply onRcpt(Session s, Envelope e, String address, List<String> options) {
                if (address.startsWith("boom")) {
                    throw new IllegalStateException("secret /var/mail/path");
                }
                return null;
            }

            @Override
            public Reply onData(Session s, Envelope e) throws Exception {
                throw new java.io.IOException("disk /srv/secret full");
            }
        };
        try (TestServer server = new TestServer(b -> b, failing); SmtpTestClient client = server.client()) {
            client.greet();
            client.command("MAIL FROM:<a@example.com>");
            assertThat(client.command("RCPT TO:<boom@example.com>")).isEqualTo(
                    "451 4.3.0 Error: internal server error, try again later");
            assertThat(client.command("RCPT TO:<fine@example.com>")).startsWith("250");
            client.command("DATA");
            assertThat(client.endData("x\r\n")).isEqualTo(
                    "451 4.3.0 Error: internal server error, try again later");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
        try (TestServer again = new TestServer(b -> b, failing); SmtpTestClient client = again.client()) {
            client.greet(); // the server keeps serving
        }
    }

    @Test
    void rejectionLeavesTheEnvelopeUnchanged() throws Exception {
        Handler picky = new Handler() {
            @Override
            public Reply onRcpt(Session s, Envelope e, String address, List<String> options) {
                return address.startsWith("nobody") ? Reply.of(550, "5.1.1", "No such mailbox") : null;
            }
        };
        try (TestServer server = new TestServer(b -> b, picky); SmtpTestClient client = server.client()) {
            client.greet();
            client.command("MAIL FROM:<a@example.com>");
            assertThat(client.command("RCPT TO:<nobody@example.com>")).isEqualTo("550 5.1.1 No such mailbox");
            assertThat(client.command("DATA")).startsWith("503");
            client.command("RCPT TO:<somebody@example.com>");
            client.command("DATA");
            client.endData("x\r\n");
            assertThat(server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).rcptTos())
                    .containsExactly("somebody@example.com");
        }
    }

    @Test
    void repliesWithoutEnhancedCodeGetOneAfterEhloOnly() throws Exception {
        Handler plain = new Handler() {
            @Override
            public Reply onMail(Session s, Envelope e, String address, List<String> options) {
                return Reply.of(550, "Go away");
            }
        };
        try (TestServer server = new TestServer(b -> b, plain); SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("550 5.0.0 Go away");
            client.command("HELO client.example");
            assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("550 Go away");
        }
    }

    @Test
    void connectHookCanRefuseTheClient() throws Exception {
        Handler closed = new Handler() {
            @Override
            public Reply onConnect(Session s) {
                return Reply.of(554, "5.7.1", "No SMTP service here");
            }
        };
        try (TestServer server = new TestServer(b -> b, closed); SmtpTestClient client = server.client()) {
            assertThat(client.reply()).isEqualTo("554 5.7.1 No SMTP service here");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void hooksSeeTheSessionAndTheContent() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch disconnected = new CountDownLatch(1);
        Handler recorder = new Handler() {
            @Override
            public Reply onConnect(Session s) {
                seen.add("connect " + s.peer().getAddress().getHostAddress());
                return null;
            }

            @Override
            public Reply onEhlo(Session s, String hostname) {
                seen.add("ehlo " + hostname);
                return null;
            }

            @Override
            public Reply onData(Session s, Envelope e) throws Exception {
                try (InputStream in = e.content().openStream()) {
                    seen.add("data " + e.content().size() + " " + in.readAllBytes().length + " "
                            + e.content().mimeMessage().getSubject() + " " + s.heloName() + " " + s.esmtp());
                }
                return Reply.of(250, "2.0.0", "Stored " + e.id());
            }

            @Override
            public void onDisconnect(Session s) {
                seen.add("disconnect");
                disconnected.countDown();
            }
        };
        try (TestServer server = new TestServer(b -> b.receivedHeader(false), recorder)) {
            try (SmtpTestClient client = server.client()) {
                client.greet();
                client.startData();
                assertThat(client.endData("Subject: hello\r\n\r\nbody\r\n")).startsWith("250 2.0.0 Stored ");
                client.command("QUIT");
            }
            assertThat(disconnected.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).containsExactly("connect 127.0.0.1", "ehlo client.example",
                    "data 24 24 hello client.example true", "disconnect");
        }
    }
}

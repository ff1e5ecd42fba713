package dev.inbound.smtp.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayHandlerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestServer relayTo(int upstreamPort) throws IOException {
        return new TestServer(b -> b, new RelayHandler("127.0.0.1", upstreamPort, Duration.ofSeconds(5)));
    }

    /** Sends one message through {@code server} and returns the reply to the end of data. */
    private static String send(TestServer server, String from, List<String> rcpts, String message)
            throws IOException {
        try (SmtpTestClient client = server.client()) {
            client.greet();
            assertThat(client.command("MAIL FROM:<" + from + "> SMTPUTF8")).startsWith("250");
            for (String rcpt : rcpts) {
                assertThat(client.command("RCPT TO:<" + rcpt + ">")).startsWith("250");
            }
            assertThat(client.command("DATA")).startsWith("354");
            client.sendBytes(message.getBytes(StandardCharsets.UTF_8));
            return client.sendRaw(".\r\n").reply();
        }
    }

    @Test
    void forwardsEnvelopeAndBytesUnchanged() throws Exception {
        String message = "From: Änne <a@example.com>\r\n"
                + "Subject: =?UTF-8?Q?gr=C3=BC=C3=9Fe?= and a folded\r\n"
                + "\theader line\r\n"
                + "X-Odd:   spacing kept  \r\n"
                + "\r\n"
                + "body with ümlaut\r\n"
                + "..a line that starts with a dot\r\n"
                + "last line\r\n";
        try (TestServer upstream = new TestServer(b -> b.receivedHeader(false)); TestServer relay = relayTo(upstream.port())) {
            String reply = send(relay, "sender@example.com", List.of("one@example.net", "two@example.net"), message);

            CollectedMessage got = upstream.collector.awaitCount(1, WAIT).get(0);
            CollectedMessage sent = relay.collector.awaitCount(1, WAIT).get(0);
            assertThat(reply).startsWith("250 2.0.0 ").contains(got.id());
            assertThat(got.mailFrom()).isEqualTo("sender@example.com");
            assertThat(got.rcptTos()).containsExactly("one@example.net", "two@example.net");
            assertThat(got.smtpUtf8()).isTrue();
            assertThat(got.content()).isEqualTo(sent.content());
            assertThat(got.text()).startsWith("Received: ").endsWith(message.replace("\r\n..", "\r\n."));
        }
    }

    @Test
    void forwardsTheNullSender() throws Exception {
        try (TestServer upstream = new TestServer(); TestServer relay = relayTo(upstream.port())) {
            assertThat(send(relay, "", List.of("postmaster@example.net"), "Subject: bounce\r\n\r\nx\r\n"))
                    .startsWith("250");
            assertThat(upstream.collector.awaitCount(1, WAIT).get(0).mailFrom()).isEmpty();
        }
    }

    @Test
    void passesAnUpstreamRejectionBack() throws Exception {
        Handler refuseNobody = new Handler() {
            @Override
            public Reply onRcpt(Session session, Envelope envelope, String address, List<String> options) {
                return address.startsWith("nobody@") ? Reply.of(550, "5.1.1", "No such mailbox here") : null;
            }
        };
        try (TestServer upstream = new TestServer(b -> b, refuseNobody); TestServer relay = relayTo(upstream.port())) {
            String reply = send(relay, "a@example.com", List.of("someone@example.net", "nobody@example.net"),
                    "Subject: x\r\n\r\nx\r\n");

            assertThat(reply).isEqualTo("550 5.1.1 No such mailbox here");
            assertThat(upstream.collector.messages()).isEmpty();
        }
    }

    @Test
    void answers451WhenTheUpstreamIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestServer relay = relayTo(closedPort)) {
            assertThat(send(relay, "a@example.com", List.of("b@example.net"), "Subject: x\r\n\r\nx\r\n"))
                    .isEqualTo("451 4.4.1 Upstream server not reachable, try again later");
            assertThat(relay.collector.messages()).isEmpty();
        }
    }
}

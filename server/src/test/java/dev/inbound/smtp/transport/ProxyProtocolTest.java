package dev.inbound.smtp.transport;

import static dev.inbound.smtp.ProxyHeaders.v1;
import static dev.inbound.smtp.ProxyHeaders.v1Tcp4;
import static dev.inbound.smtp.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyHeaders;
import dev.inbound.smtp.ProxyInfo;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.ProxySsl;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SessionRecorder;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.protocol.TestAuthenticator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The PROXY protocol over real sockets: the header from a trusted proxy (127.0.0.1) makes the
 * client's address the session's; anything wrong with it closes the connection without a reply.
 */
class ProxyProtocolTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);

    private final SessionRecorder recorder = new SessionRecorder();

    private TestServer server(ProxyMode mode) throws IOException {
        return server(b -> b.proxyProtocol(mode));
    }

    private TestServer server(UnaryOperator<SmtpServer.Builder> settings) throws IOException {
        return new TestServer(b -> settings.apply(b.proxyTrusted("127.0.0.1").proxyTimeout(HEADER_TIMEOUT)), recorder);
    }

    @Test
    void v1HeaderMakesTheClientTheSessionsPeerAndTheReceivedHeaders() throws Exception {
        try (TestServer server = server(ProxyMode.REQUIRED); SmtpTestClient client = server.client()) {
            client.sendBytes(v1Tcp4("192.0.2.1", 40000)).greet();
            Session session = recorder.next(WAIT);
            assertThat(session.peer()).isEqualTo(new InetSocketAddress("192.0.2.1", 40000));
            assertThat(session.proxy().map(ProxyInfo::version)).contains(1);
            assertThat(session.proxy().flatMap(ProxyInfo::destination)).contains(new InetSocketAddress("192.0.2.99", 25));
            assertThat(client.startData().endData("Subject: hi\r\n\r\nhello\r\n")).startsWith("250");
            assertThat(server.collector.awaitCount(1, WAIT).get(0).text())
                    .startsWith("Received: from client.example ([192.0.2.1])");
        }
    }

    @Test
    void v2HeaderGivesTheHandlerItsAddressesAndTlvs() throws Exception {
        byte[] header = v2("2001:db8::5", 50000).tlv(0x01, "smtp").tlv(0x02, "mx.example.org").tlv(0x05, "id-42")
                .ssl(0x01, 0, 0x21, "TLSv1.3", 0x23, "TLS_AES_128_GCM_SHA256").withCrc(false);
        try (TestServer server = server(ProxyMode.REQUIRED); SmtpTestClient client = server.client()) {
            client.sendBytes(header).greet();
            Session session = recorder.next(WAIT);
            assertThat(session.peer()).isEqualTo(new InetSocketAddress("2001:db8::5", 50000));
            ProxyInfo info = session.proxy().orElseThrow();
            assertThat(info.alpn()).contains("smtp");
            assertThat(info.authority()).contains("mx.example.org");
            assertThat(info.uniqueId()).hasValueSatisfying(id -> assertThat(id).isEqualTo("id-42".getBytes()));
            assertThat(info.ssl()).contains(new ProxySsl(1, 0, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "", "", ""));
            assertThat(session.tls()).isEmpty();
        }
    }

    @Test
    void aHeaderSentOneByteAtATimeIsRead() throws Exception {
        for (byte[] header : new byte[][] {v1Tcp4("192.0.2.7", 7), v2("192.0.2.7", 7).tlv(0x02, "x").withCrc(false)}) {
            try (TestServer server = server(ProxyMode.REQUIRED); SmtpTestClient client = server.client()) {
                client.socket().setTcpNoDelay(true);
                for (byte b : header) {
                    client.sendBytes(new byte[] {b});
                    Thread.sleep(2); // each byte in its own segment, so each its own read
                }
                client.greet();
                assertThat(recorder.next(WAIT).peer()).isEqualTo(new InetSocketAddress("192.0.2.7", 7));
            }
        }
    }

    @Test
    void bytesAfterTheHeaderInTheSameWriteGoToSmtp() throws Exception {
        try (TestServer server = server(ProxyMode.REQUIRED); SmtpTestClient client = server.client()) {
            client.sendBytes(concat(v1Tcp4("192.0.2.1", 1), "EHLO early.example\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(client.reply()).startsWith("220");
            assertThat(client.reply()).startsWith("250");
            assertThat(recorder.next(WAIT).heloName()).isEqualTo("early.example");
        }
    }

    @Test
    void malformedHeadersCloseTheConnectionWithoutAReply() throws Exception {
        byte[] badV2Signature = v2("192.0.2.1", 1).bytes();
        badV2Signature[8] = 'X';
        byte[] v2TooLong = v2("192.0.2.1", 1).bytes();
        v2TooLong[14] = 0x7F; // a length of 32 KiB
        byte[] v2TooShort = v2("192.0.2.1", 1).bytes();
        v2TooShort[15] = 4; // shorter than the addresses it announces
        byte[][] malformed = {
            v1("PROXY TCP4 192.0.2.1 192.0.2.2 1"),
            v1("PROXI TCP4 192.0.2.1 192.0.2.2 1 2"),
            v1("PROXY UNKNOWN " + "x".repeat(100)),
            badV2Signature,
            v2TooLong,
            v2TooShort,
            v2("192.0.2.1", 1).withCrc(true),
            "EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII),
            "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            {0x16, 0x03, 0x01, 0x00, 0x05},
        };
        List<String> logged = logged(() -> {
            try (TestServer server = server(ProxyMode.REQUIRED)) {
                for (byte[] bytes : malformed) {
                    try (SmtpTestClient client = server.client()) {
                        client.sendBytes(bytes);
                        assertThat(client.closedByServer()).as(new String(bytes, StandardCharsets.ISO_8859_1)).isTrue();
                    }
                }
            }
            assertThat(recorder.none()).isTrue();
        });
        assertThat(logged).anySatisfy(line -> assertThat(line)
                .startsWith("refused connection from /127.0.0.1:")
                .contains("invalid PROXY header: v1 line without exactly two addresses and two ports"));
        assertThat(String.join("\n", logged)).doesNotContain("\r", "\u0000");
    }

    @Test
    void aHeaderTooSlowToArriveClosesTheConnectionWithoutAReply() throws Exception {
        try (TestServer server = server(ProxyMode.REQUIRED)) {
            for (byte[] start : new byte[][] {new byte[0], "PROXY TCP4 192.0".getBytes(StandardCharsets.US_ASCII),
                {0x0D, 0x0A, 0x0D}}) {
                try (SmtpTestClient client = server.client()) {
                    long began = System.nanoTime();
                    client.sendBytes(start);
                    assertThat(client.closedByServer()).isTrue();
                    assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThan(HEADER_TIMEOUT.minusMillis(100));
                }
            }
        }
    }

    @Test
    void aClientThatIsNotATrustedProxyIsRefusedWhenTheHeaderIsRequired() throws Exception {
        try (TestServer server = server(ProxyMode.REQUIRED);
                SmtpTestClient client = SmtpTestClient.from("127.0.0.3", server.port())) {
            client.sendBytes(v1Tcp4("192.0.2.1", 1));
            assertThat(client.closedByServer()).isTrue();
            assertThat(recorder.none()).isTrue();
        }
    }

    @Test
    void withAnOptionalHeaderOthersAreGreetedAtOnceAndRefusedIfTheySendOne() throws Exception {
        try (TestServer server = server(ProxyMode.OPTIONAL)) {
            try (SmtpTestClient direct = SmtpTestClient.from("127.0.0.3", server.port())) {
                direct.setTimeout((int) HEADER_TIMEOUT.toMillis() / 2);
                direct.greet();
                assertThat(recorder.next(WAIT).peer().getAddress().getHostAddress()).isEqualTo("127.0.0.3");
            }
            try (SmtpTestClient spoofer = SmtpTestClient.from("127.0.0.3", server.port())) {
                assertThat(spoofer.reply()).startsWith("220");
                spoofer.sendBytes(v2("192.0.2.1", 1).bytes());
                assertThat(spoofer.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void withAnOptionalHeaderATrustedHostSendingNoneIsItselfTheClient() throws Exception {
        try (TestServer server = server(ProxyMode.OPTIONAL)) {
            try (SmtpTestClient proxied = server.client()) {
                proxied.sendBytes(v1Tcp4("192.0.2.1", 1)).greet();
                assertThat(recorder.next(WAIT).peer().getAddress().getHostAddress()).isEqualTo("192.0.2.1");
            }
            try (SmtpTestClient itself = server.client()) {
                itself.greet(); // after the header timeout
                Session session = recorder.next(WAIT);
                assertThat(session.peer().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(session.proxy()).isEmpty();
            }
        }
    }

    @Test
    void localAndUnknownHeadersKeepTheProxyAsThePeer() throws Exception {
        for (byte[] header : new byte[][] {ProxyHeaders.v2Local().bytes(), v1("PROXY UNKNOWN")}) {
            try (TestServer server = server(ProxyMode.REQUIRED); SmtpTestClient client = server.client()) {
                client.sendBytes(header).greet();
                Session session = recorder.next(WAIT);
                assertThat(session.peer().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(session.proxy().flatMap(ProxyInfo::source)).isEmpty();
            }
        }
    }

    @Test
    void perIpLimitsCountTheClientNotTheProxy() throws Exception {
        List<SmtpTestClient> open = new ArrayList<>();
        try (TestServer server = server(b -> b.proxyProtocol(ProxyMode.REQUIRED).maxConnectionsPerIp(1))) {
            SmtpTestClient first = server.client();
            open.add(first);
            assertThat(first.sendBytes(v1Tcp4("192.0.2.1", 1)).reply()).startsWith("220");
            SmtpTestClient second = server.client();
            open.add(second);
            assertThat(second.sendBytes(v1Tcp4("192.0.2.1", 2)).reply()).isEqualTo(
                    "421 4.7.0 inbound.test Error: too many connections from your address, try again later");
            SmtpTestClient other = server.client();
            open.add(other);
            assertThat(other.sendBytes(v1Tcp4("192.0.2.2", 3)).reply()).startsWith("220");
        } finally {
            for (SmtpTestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void onProxyMayRefuseTheClient() throws Exception {
        Handler refuser = new Handler() {
            @Override
            public Reply onProxy(Session session, ProxyInfo proxy) {
                return proxy.source().orElseThrow().getAddress().getHostAddress().equals("192.0.2.66")
                        ? Reply.of(554, "5.7.1", "not from there") : null;
            }
        };
        try (TestServer server = new TestServer(b -> b.proxyProtocol(ProxyMode.REQUIRED).proxyTrusted("127.0.0.1"),
                refuser)) {
            try (SmtpTestClient client = server.client()) {
                assertThat(client.sendBytes(v1Tcp4("192.0.2.66", 1)).reply()).isEqualTo("554 5.7.1 not from there");
                assertThat(client.closedByServer()).isTrue();
            }
            try (SmtpTestClient client = server.client()) {
                assertThat(client.sendBytes(v1Tcp4("192.0.2.67", 1)).reply()).startsWith("220");
            }
        }
    }

    @Test
    void implicitTlsBeginsAfterTheHeaderEvenInTheSameWrite() throws Exception {
        try (TestServer server = server(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0)
                .proxyProtocol(Listener.Kind.SMTPS, ProxyMode.REQUIRED))) {
            try (SmtpTestClient client = SmtpTestClient.tls(v2("192.0.2.1", 1).bytes(), server.implicitTlsPort())) {
                client.greet();
                Session session = recorder.next(WAIT);
                assertThat(session.peer()).isEqualTo(new InetSocketAddress("192.0.2.1", 1));
                assertThat(session.tls()).isPresent();
            }
            try (SmtpTestClient plain = server.client()) {
                plain.greet(); // the SMTP listener reads no header
            }
        }
    }

    @Test
    void tlsTheProxyTerminatedCountsAsTls() throws Exception {
        try (TestServer server = server(b -> b.proxyProtocol(ProxyMode.REQUIRED).tls(TlsSettings.selfSigned())
                .requireStartTls(true).authenticator(new TestAuthenticator(false)));
                SmtpTestClient overTls = server.client();
                SmtpTestClient plain = server.client()) {
            overTls.sendBytes(v2("192.0.2.1", 1).ssl(0x01, 0, 0x21, "TLSv1.3").bytes());
            assertThat(overTls.reply()).startsWith("220");
            assertThat(overTls.command("EHLO client.example")).contains("AUTH PLAIN").doesNotContain("STARTTLS");
            assertThat(overTls.startData().endData("Subject: hi\r\n\r\nhello\r\n")).startsWith("250");
            assertThat(server.collector.awaitCount(1, WAIT).get(0).text()).contains("with ESMTPS id");

            plain.sendBytes(v2("192.0.2.2", 1).bytes());
            assertThat(plain.reply()).startsWith("220");
            assertThat(plain.command("EHLO client.example")).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(plain.command("MAIL FROM:<a@example.com>")).startsWith("530");
        }
    }

    @Test
    void lmtpListenersReadTheHeaderToo() throws Exception {
        try (TestServer server = server(b -> b.lmtp("127.0.0.1", 0).proxyProtocol(Listener.Kind.LMTP, ProxyMode.REQUIRED));
                SmtpTestClient client = new SmtpTestClient(server.server.port(Listener.Kind.LMTP))) {
            assertThat(client.sendBytes(v1Tcp4("192.0.2.24", 24)).reply()).startsWith("220");
            assertThat(client.command("LHLO client.example")).startsWith("250");
            assertThat(recorder.next(WAIT).peer()).isEqualTo(new InetSocketAddress("192.0.2.24", 24));
        }
    }

    @Test
    void withTheProxyProtocolOffAHeaderIsJustAnUnknownCommand() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client()) {
            assertThat(client.reply()).startsWith("220");
            assertThat(client.sendBytes(v1Tcp4("192.0.2.1", 1)).reply()).startsWith("500");
        }
    }

    @Test
    void stoppingTheServerClosesConnectionsStillWaitingForTheirHeader() throws Exception {
        TestServer server = server(b -> b.proxyProtocol(ProxyMode.REQUIRED).proxyTimeout(Duration.ofMinutes(1)));
        try (SmtpTestClient client = server.client()) {
            client.sendBytes("PROXY TCP4".getBytes(StandardCharsets.US_ASCII));
            long began = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void theProxyProtocolNeedsTrustedNetworks() {
        assertThatThrownBy(() -> SmtpServer.builder().proxyProtocol(ProxyMode.OPTIONAL).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("proxyTrusted");
    }

    private interface Body {
        void run() throws Exception;
    }

    private static List<String> logged(Body body) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ProxyProtocolFilter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            body.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(a);
        both.writeBytes(b);
        return both.toByteArray();
    }
}

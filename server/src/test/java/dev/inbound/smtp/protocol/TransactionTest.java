package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Session;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MAIL, RCPT and DATA: order, syntax, addresses and parameters. */
class TransactionTest {
    private TestServer server;
    private SmtpTestClient client;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        client = server.client();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void commandsOutOfOrderGet503() throws Exception {
        client.reply();
        assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("503 Error: send HELO first");
        assertThat(client.command("RCPT TO:<a@example.com>")).isEqualTo("503 Error: send HELO first");
        assertThat(client.command("DATA")).isEqualTo("503 Error: send HELO first");
        client.command("EHLO client.example");
        assertThat(client.command("RCPT TO:<b@example.com>")).isEqualTo("503 5.5.1 Error: need MAIL command");
        assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need MAIL command");
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
        assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("503 5.5.1 Error: nested MAIL command");
    }

    @Test
    void badMailAndRcptSyntaxGets501() throws Exception {
        client.greet();
        assertThat(client.command("MAIL <a@example.com>")).isEqualTo(
                "501 5.5.4 Syntax: MAIL FROM:<address> [SP <mail-parameters>]");
        assertThat(client.command("MAIL FROM:")).startsWith("501 5.5.4 Syntax: MAIL");
        assertThat(client.command("MAIL FROM:<a@example.com")).startsWith("501 5.5.4 Syntax: MAIL");
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.command("RCPT <b@example.com>")).isEqualTo("501 5.5.4 Syntax: RCPT TO:<address>");
        assertThat(client.command("DATA now")).isEqualTo("501 5.5.4 Syntax: DATA");
    }

    @Test
    void malformedAddressesGet553() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<@@@>")).isEqualTo("553 5.1.7 Error: malformed sender address");
        assertThat(client.command("MAIL FROM:<no-domain>")).startsWith("553 5.1.7");
        assertThat(client.command("MAIL FROM:<a@exa mple.com>")).startsWith("553 5.1.7");
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.command("RCPT TO:<>")).isEqualTo("553 5.1.3 Error: malformed recipient address");
        assertThat(client.command("RCPT TO:<a..b@example.com>")).startsWith("553 5.1.3");
        assertThat(client.command("RCPT TO:<b@-example.com>")).startsWith("553 5.1.3");
    }

    @Test
    void acceptsQuotedLocalPartsAddressLiteralsAndSourceRoutes() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<\"john doe\"@example.com>")).isEqualTo("250 2.1.0 OK");
        assertThat(client.command("RCPT TO:<user@[127.0.0.1]>")).isEqualTo("250 2.1.5 OK");
        assertThat(client.command("RCPT TO:<@relay.example:user@example.com>")).isEqualTo("250 2.1.5 OK");
        client.command("DATA");
        client.endData("x\r\n");
        var message = server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.mailFrom()).isEqualTo("\"john doe\"@example.com");
        assertThat(message.rcptTos()).containsExactly("user@[127.0.0.1]", "user@example.com");
    }

    @Test
    void unknownParametersGet555() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<a@example.com> FOO=BAR")).isEqualTo(
                "555 5.5.4 MAIL FROM parameters not recognized or not implemented");
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.command("RCPT TO:<b@example.com> NOTIFY=NEVER")).isEqualTo(
                "555 5.5.4 RCPT TO parameters not recognized or not implemented");
    }

    @Test
    void parametersAfterHeloAreRefused() throws Exception {
        client.reply();
        client.command("HELO client.example");
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=100")).isEqualTo(
                "555 MAIL FROM parameters not recognized or not implemented");
    }

    @Test
    void keepsMailParameters() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=100 BODY=8BITMIME")).isEqualTo("250 2.1.0 OK");
        client.command("RCPT TO:<b@example.com>");
        client.command("DATA");
        client.endData("x\r\n");
        var message = server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.mailOptions()).containsExactly("SIZE=100", "BODY=8BITMIME");
    }

    @Test
    void badParameterValuesGet501() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<a@example.com> BODY=BINARYMIME")).isEqualTo(
                "501 5.5.4 Error: BODY can only be one of 7BIT, 8BITMIME");
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=abc")).startsWith("501 5.5.4");
        assertThat(client.command("MAIL FROM:<a@example.com> SMTPUTF8=yes")).startsWith("501 5.5.4");
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=1 SIZE=2")).startsWith("501 5.5.4");
    }

    @Test
    void nonAsciiAddressNeedsSmtpUtf8() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<jörg@example.com>")).isEqualTo(
                "553 5.6.7 Error: non-ASCII address needs MAIL with SMTPUTF8");
        assertThat(client.command("MAIL FROM:<jörg@example.com> SMTPUTF8")).isEqualTo("250 2.1.0 OK");
        assertThat(client.command("RCPT TO:<用户@例子.广告>")).isEqualTo("250 2.1.5 OK");
        client.command("DATA");
        client.endData("Subject: ok\r\n\r\nx\r\n");
        var message = server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.smtpUtf8()).isTrue();
        assertThat(message.rcptTos()).containsExactly("用户@例子.广告");
        assertThat(message.text()).contains("with UTF8SMTP");
    }

    @Test
    void envelopeIsResetAfterEveryMessage() throws Exception {
        client.greet();
        client.startData();
        assertThat(client.endData("one\r\n")).startsWith("250 2.0.0");
        assertThat(client.command("RCPT TO:<c@example.com>")).startsWith("503");
        client.command("MAIL FROM:<d@example.com>");
        client.command("RCPT TO:<e@example.com>");
        client.command("DATA");
        client.endData("two\r\n");
        var messages = server.collector.awaitCount(2, Duration.ofSeconds(5));
        assertThat(messages.get(1).mailFrom()).isEqualTo("d@example.com");
        assertThat(messages.get(1).rcptTos()).containsExactly("e@example.com");
    }

    @Test
    void dataIsDotUnstuffedAndGetsAReceivedHeader() throws Exception {
        client.greet();
        client.startData();
        assertThat(client.endData("Subject: dots\r\n\r\n..leading\r\n...\r\n"))
                .matches("250 2\\.0\\.0 OK: queued as \\S+");
        var message = server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.text())
                .startsWith("Received: from client.example ([127.0.0.1])\r\n\tby inbound.test (Inbound) with ESMTP id "
                        + message.id() + "\r\n\tfor <b@example.com>; ")
                .endsWith("\r\nSubject: dots\r\n\r\n.leading\r\n..\r\n");
    }

    @Test
    void receivedHeaderCanBeTurnedOff() throws Exception {
        try (TestServer plain = new TestServer(b -> b.receivedHeader(false)); SmtpTestClient c = plain.client()) {
            c.greet();
            c.startData();
            c.endData("Subject: x\r\n\r\nbody\r\n");
            assertThat(plain.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).text())
                    .isEqualTo("Subject: x\r\n\r\nbody\r\n");
        }
    }

    @Test
    void emptyMessageIsAccepted() throws Exception {
        try (TestServer plain = new TestServer(b -> b.receivedHeader(false)); SmtpTestClient c = plain.client()) {
            c.greet();
            c.startData();
            assertThat(c.sendRaw(".\r\n").reply()).startsWith("250 2.0.0");
            assertThat(plain.collector.awaitCount(1, Duration.ofSeconds(5)).get(0).content()).isEmpty();
        }
    }

    @Test
    void clientThatDisconnectsMidDataLeavesNoMessage() throws Exception {
        String[] partials = {"Subject: cut\r\n\r\nhalf", "Subject: cut\r\n\r\nall\r\n.",
            "Subject: cut\r\n\r\nall\r\n.\r"};
        CountDownLatch disconnects = new CountDownLatch(partials.length);
        Handler counting = new Handler() {
            @Override
            public void onDisconnect(Session session) {
                disconnects.countDown();
            }
        };
        try (TestServer cutServer = new TestServer(b -> b, counting)) {
            for (String partial : partials) {
                try (SmtpTestClient cut = cutServer.client()) {
                    cut.greet();
                    cut.command("MAIL FROM:<a@example.com>");
                    cut.command("RCPT TO:<b@example.com>");
                    assertThat(cut.command("DATA")).startsWith("354");
                    cut.sendRaw(partial);
                }
            }
            assertThat(disconnects.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cutServer.collector.messages()).isEmpty();
        }
    }

    @Test
    void withoutSmtpUtf8TheExtensionIsNeitherOfferedNorAccepted() throws Exception {
        try (TestServer ascii = new TestServer(b -> b.smtpUtf8(false)); SmtpTestClient c = ascii.client()) {
            c.reply();
            assertThat(c.command("EHLO client.example")).doesNotContain("SMTPUTF8");
            assertThat(c.command("MAIL FROM:<a@example.com> SMTPUTF8")).isEqualTo(
                    "555 5.5.4 MAIL FROM parameters not recognized or not implemented");
            assertThat(c.command("MAIL FROM:<jörg@example.com>")).startsWith("553 5.6.7");
        }
    }

    @Test
    void addressLiteralsAndDomainLengthsAreChecked() throws Exception {
        client.greet();
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.command("RCPT TO:<a@[garbage]>")).startsWith("553 5.1.3");
        assertThat(client.command("RCPT TO:<a@[1.2.3.4.5]>")).startsWith("553 5.1.3");
        assertThat(client.command("RCPT TO:<a@[300.1.1.1]>")).startsWith("553 5.1.3");
        assertThat(client.command("RCPT TO:<a@" + "x".repeat(64) + ".example>")).startsWith("553 5.1.3");
        assertThat(client.command("RCPT TO:<a@" + "abcdefghi.".repeat(26) + "example>")).startsWith("553 5.1.3");
        assertThat(client.command("RCPT TO:<a@[IPv6:::1]>")).startsWith("250");
        assertThat(client.command("RCPT TO:<a@[192.0.2.1]>")).startsWith("250");
        assertThat(client.command("RCPT TO:<a@" + "x".repeat(63) + ".example>")).startsWith("250");
    }

    @Test
    void aTwentyDigitSizeIsTooBigNotASyntaxError() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=99999999999999999999")).startsWith("552 5.3.4");
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=999999999999999999999")).startsWith("501 5.5.4");
        assertThat(client.command("MAIL FROM:<a@example.com> SIZE=00000000000000001000")).startsWith("250");
    }
}

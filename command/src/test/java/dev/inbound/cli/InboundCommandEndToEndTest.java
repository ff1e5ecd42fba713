package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.PasswordFileAuthenticator;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundCommandEndToEndTest {
    private static final Pattern STARTED =
            Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+) with handler relay");
    private static final Pattern STARTED_TWICE = Pattern.compile(
            "Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+), on 127\\.0\\.0\\.1:(\\d+) with handler sink");

    @Test
    void runsUntilStoppedAndRelaysAMessage() throws Exception {
        try (TestServer upstream = new TestServer()) {
            int listening;
            RunningCommand inbound = RunningCommand.start(Map.of("INBOUND_HANDLER_OPTION",
                    "host=127.0.0.1,port=" + upstream.port()), STARTED,
                    "--listen", "127.0.0.1:0", "--handler", "relay", "--hostname", "cli.test");
            try (inbound) {
                listening = inbound.port(1);
                try (SmtpTestClient client = new SmtpTestClient(listening)) {
                    client.greet();
                    assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
                    assertThat(client.command("RCPT TO:<b@example.net>")).startsWith("250");
                    assertThat(client.command("DATA")).startsWith("354");
                    assertThat(client.sendRaw("Subject: via cli\r\n\r\nhello\r\n.\r\n").reply()).startsWith("250 2.0.0");
                }
                CollectedMessage got = upstream.collector.awaitCount(1, Duration.ofSeconds(10)).get(0);
                assertThat(got.text()).contains("by cli.test").endsWith("Subject: via cli\r\n\r\nhello\r\n");
            }
            assertThat(inbound.laterLines()).isEmpty();
            assertThatThrownBy(() -> new Socket("127.0.0.1", listening).close()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void listensWithStartTlsAndImplicitTlsOnASelfSignedCertificate() throws Exception {
        Pattern startedWithTls = Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+),"
                + " implicit TLS on 127\\.0\\.0\\.1:(\\d+) with handler sink");
        int implicit;
        try (RunningCommand inbound = RunningCommand.start(Map.of(), startedWithTls, "--listen", "127.0.0.1:0",
                "--tls-self-signed", "--tls-port", "0", "--handler", "sink", "--hostname", "cli.test")) {
            int plain = inbound.port(1);
            implicit = inbound.port(2);
            assertThat(implicit).isNotEqualTo(plain);

            try (SmtpTestClient client = SmtpTestClient.tls(implicit)) {
                assertThat(client.reply()).startsWith("220 cli.test ESMTP");
                assertThat(((SSLSocket) client.socket()).getSession().getPeerPrincipal().getName()).isEqualTo("CN=cli.test");
                assertThat(client.command("EHLO client.example")).doesNotContain("STARTTLS");
                client.startData();
                assertThat(client.endData("Subject: smtps via cli\r\n\r\nx\r\n")).startsWith("250 2.0.0");
            }
            try (SmtpTestClient client = new SmtpTestClient(plain)) {
                client.reply();
                assertThat(client.command("EHLO client.example")).contains("250-STARTTLS");
                assertThat(client.command("STARTTLS")).startsWith("220 2.0.0");
                assertThat(client.upgradeToTls().getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
                assertThat(client.command("EHLO client.example")).startsWith("250-cli.test").doesNotContain("STARTTLS");
            }
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", implicit).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void listensForLmtpOnlyAndRepliesPerRecipient() throws Exception {
        Pattern startedLmtp = Pattern.compile("Inbound \\S+ listening for LMTP on 127\\.0\\.0\\.1:(\\d+) with handler sink");
        try (RunningCommand inbound = RunningCommand.start(Map.of("INBOUND_LMTP", "127.0.0.1:0"), startedLmtp,
                "--handler", "sink", "--hostname", "cli.test");
                SmtpTestClient client = new SmtpTestClient(inbound.port(1))) {
            assertThat(client.reply()).isEqualTo("220 cli.test LMTP Inbound");
            assertThat(client.command("LHLO client.example")).startsWith("250-cli.test");
            assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<c@example.com>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            assertThat(client.sendRaw("Subject: lmtp via cli\r\n\r\nx\r\n.\r\n").replies(2))
                    .satisfiesExactly(b -> assertThat(b).startsWith("250 2.0.0 <b@example.com>"),
                            c -> assertThat(c).startsWith("250 2.0.0 <c@example.com>"));
        }
    }

    @Test
    void listensForSubmissionNextToSmtpAndBothAcceptMail() throws Exception {
        try (RunningCommand inbound = RunningCommand.start(Map.of("INBOUND_SUBMISSION", ":0"), STARTED_TWICE,
                "--listen", "127.0.0.1:0", "--handler", "sink", "--hostname", "cli.test")) {
            assertThat(inbound.port(1)).isNotEqualTo(inbound.port(2));
            for (int port : new int[] {inbound.port(1), inbound.port(2)}) {
                try (SmtpTestClient client = new SmtpTestClient(port)) {
                    assertThat(client.reply()).isEqualTo("220 cli.test ESMTP Inbound");
                    assertThat(client.command("EHLO client.example")).startsWith("250-cli.test");
                    assertThat(client.startData("a@example.com", "b@example.com")
                            .endData("Subject: on " + port + "\r\n\r\nx\r\n")).startsWith("250");
                }
            }
        }
    }

    /**
     * Postfix's master.cf overrides as options: the submission listener, told by the environment,
     * wants AUTH; port 25 takes its own domain without AUTH and refuses relaying.
     */
    @Test
    void eachListenerKeepsItsOwnPolicy(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users");
        try (InputStream in = getClass().getResourceAsStream("/auth/users")) {
            Files.copy(in, users);
        }
        try (RunningCommand inbound = RunningCommand.start(Map.of("INBOUND_SUBMISSION", ":0",
                "INBOUND_SUBMISSION_AUTH_REQUIRED", "true", "INBOUND_SUBMISSION_ACCEPT_DOMAINS", ""), STARTED_TWICE,
                "--listen", "127.0.0.1:0", "--handler", "sink", "--accept-domains", "example.com",
                "--auth-file", users.toString(), "--no-auth-require-tls")) {
            try (SmtpTestClient smtp = new SmtpTestClient(inbound.port(1)).greet()) {
                assertThat(smtp.command("MAIL FROM:<a@elsewhere.example>")).startsWith("250 ");
                assertThat(smtp.command("RCPT TO:<rcpt@example.com>")).startsWith("250 ");
                assertThat(smtp.command("RCPT TO:<x@elsewhere.example>")).startsWith("554 5.7.1 ");
            }
            try (SmtpTestClient submission = new SmtpTestClient(inbound.port(2)).greet()) {
                assertThat(submission.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0 ");
                assertThat(submission.command("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                        "\0alice\0alice's password".getBytes(StandardCharsets.UTF_8)))).startsWith("235 ");
                assertThat(submission.command("MAIL FROM:<alice@example.com>")).startsWith("250 ");
                assertThat(submission.command("RCPT TO:<x@elsewhere.example>")).startsWith("250 ");
            }
        }
    }

    @Test
    void aPolicyForAListenerThatIsNotThereIsAnError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new InboundCommand(Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute("--listen", "127.0.0.1:0", "--handler", "sink", "--lmtp-size", "1M");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lmtp");
    }

    /** Collects what is printed, a line at a time, so the test can wait for a line instead of sleeping. */
    @Test
    void servesTheHttpApiWithBasicAuthAndTheStoreAddedBehindTheHandler(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users");
        PasswordFileAuthenticator.setPassword(users, "tester", "s3cret");
        Pattern startedWithHttp = Pattern.compile("Inbound \\S+ listening on 127\\.0\\.0\\.1:(\\d+)"
                + " with handler sink,store, HTTP API on 127\\.0\\.0\\.1:(\\d+)");
        int http;
        try (RunningCommand inbound = RunningCommand.start(Map.of("INBOUND_HTTP_AUTH_FILE", users.toString()),
                startedWithHttp, "--listen", "127.0.0.1:0", "--handler", "sink", "--http", "127.0.0.1:0",
                "--store-max-messages", "1")) {
            http = inbound.port(2);
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest anonymous = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/messages"))
                    .build();
            HttpResponse<String> refused = client.send(anonymous, HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Basic realm=\"inbound\", charset=\"UTF-8\"");

            for (String subject : List.of("first", "second")) {
                try (SmtpTestClient smtp = new SmtpTestClient(inbound.port(1))) {
                    smtp.greet();
                    assertThat(smtp.startData("a@example.com", "b@example.net")
                            .endData("Subject: " + subject + "\r\n\r\nhello\r\n")).startsWith("250");
                }
            }
            HttpRequest wait = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
                    + "/api/messages/wait?to=b@example.net&subject=second&timeout=10"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "tester:s3cret".getBytes(StandardCharsets.UTF_8))).build();
            HttpResponse<String> listed = client.send(wait, HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
            // --store-max-messages 1: the first message has been evicted by the second.
            assertThat(listed.body()).contains("\"total\":1", "\"subject\":\"second\"").doesNotContain("first");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", http).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void httpAuthFileWithoutHttpIsAnError(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InboundCommand command = new InboundCommand(Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(command.execute("--listen", "127.0.0.1:0", "--http-auth-file", dir.resolve("users").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--http-auth-file needs --http");
    }
}

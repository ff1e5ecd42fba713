package dev.inbound.smtp.protocol;

import static dev.inbound.smtp.protocol.TestAuthenticator.PASSWORD;
import static dev.inbound.smtp.protocol.TestAuthenticator.USER;
import static dev.inbound.smtp.protocol.TestAuthenticator.base64;
import static dev.inbound.smtp.protocol.TestAuthenticator.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AUTH transcripts (RFC 4954): every mechanism, every error reply. */
class AuthTest {
    private static final UnaryOperator<SmtpServer.Builder> AUTH =
            b -> b.authenticator(new TestAuthenticator(true)).authRequireTls(false);

    private TestServer server;
    private SmtpTestClient client;

    private SmtpTestClient connect(UnaryOperator<SmtpServer.Builder> settings) throws Exception {
        return connect(settings, null);
    }

    private SmtpTestClient connect(UnaryOperator<SmtpServer.Builder> settings, Handler handler) throws Exception {
        server = new TestServer(settings, handler);
        client = server.client().greet();
        return client;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ehloOffersCramMd5OnlyWhenTheAuthenticatorHasSecrets() throws Exception {
        connect(AUTH);
        assertThat(client.command("EHLO client.example")).contains("\n250-AUTH PLAIN LOGIN CRAM-MD5\n");
        stop();
        connect(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false));
        assertThat(client.command("EHLO client.example")).contains("\n250-AUTH PLAIN LOGIN\n");
    }

    @Test
    void withoutAuthenticatorAuthIsNeitherOfferedNorAvailable() throws Exception {
        connect(b -> b);
        assertThat(client.command("EHLO client.example")).doesNotContain("AUTH");
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).isEqualTo("502 5.5.1 Error: AUTH not available");
    }

    @Test
    void beforeTlsAuthIsNotOfferedAndRefusedWith538() throws Exception {
        connect(b -> b.authenticator(new TestAuthenticator(true)));
        assertThat(client.command("EHLO client.example")).doesNotContain("AUTH");
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD)))
                .isEqualTo("538 5.7.11 Encryption required for requested authentication mechanism");
    }

    @Test
    void afterHeloAuthGets503() throws Exception {
        connect(AUTH);
        client.command("HELO client.example");
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).startsWith("503 ");
    }

    @Test
    void plainWithInitialResponseAuthenticatesAndMarksTheReceivedHeader() throws Exception {
        List<String> identities = new CopyOnWriteArrayList<>();
        connect(AUTH, new Handler() {
            @Override
            public Reply onData(Session session, dev.inbound.smtp.Envelope envelope) {
                identities.add(session.authenticatedUser().orElse("none"));
                return null;
            }
        });
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).isEqualTo("235 2.7.0 Authentication successful");
        client.startData();
        assertThat(client.endData("Subject: hi\r\n\r\nhello\r\n")).startsWith("250 ");
        assertThat(identities).containsExactly(USER);
        assertThat(server.collector.awaitCount(1, Duration.ofSeconds(10)).get(0).text()).contains(" with ESMTPA id ");
    }

    @Test
    void plainWithoutInitialResponseGetsAnEmptyChallenge() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
        assertThat(client.command(plain(USER, PASSWORD))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void plainAcceptsAnAuthzidEqualToTheUserButNoOther() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN " + base64("bob\0" + USER + "\0" + PASSWORD)))
                .isEqualTo("535 5.7.8 Authentication credentials invalid");
        assertThat(client.command("AUTH PLAIN " + base64(USER + "\0" + USER + "\0" + PASSWORD))).startsWith("235 ");
    }

    @Test
    void plainInitialResponseEqualsSignIsEmptyAndSoMalformed() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN =")).isEqualTo("501 5.5.2 Error: malformed authentication response");
        assertThat(client.command("AUTH PLAIN " + base64("no separators"))).startsWith("501 5.5.2 ");
    }

    @Test
    void loginPromptsForUsernameAndPassword() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
        assertThat(client.command(base64(USER))).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(client.command(base64(PASSWORD))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void loginTakesTheUsernameAsInitialResponse() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH LOGIN " + base64(USER))).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(client.command(base64(PASSWORD))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void cramMd5AcceptsTheHmacOfTheChallenge() throws Exception {
        connect(AUTH);
        String challenge = client.command("AUTH CRAM-MD5");
        assertThat(challenge).startsWith("334 ");
        String decoded = new String(Base64.getDecoder().decode(challenge.substring(4)), StandardCharsets.US_ASCII);
        assertThat(decoded).matches("<\\d+\\.\\d+@inbound\\.test>");
        String digest = CramMd5Exchange.hmacMd5Hex(PASSWORD, decoded.getBytes(StandardCharsets.US_ASCII));
        assertThat(client.command(base64(USER + " " + digest))).isEqualTo("235 2.7.0 Authentication successful");
    }

    @Test
    void cramMd5RefusesAWrongDigest() throws Exception {
        connect(AUTH);
        String challenge = client.command("AUTH CRAM-MD5");
        String decoded = new String(Base64.getDecoder().decode(challenge.substring(4)), StandardCharsets.US_ASCII);
        String digest = CramMd5Exchange.hmacMd5Hex("wrong", decoded.getBytes(StandardCharsets.US_ASCII));
        assertThat(client.command(base64(USER + " " + digest))).isEqualTo("535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void asteriskCancelsTheExchange() throws Exception {
        connect(AUTH);
        client.command("AUTH LOGIN");
        assertThat(client.command("*")).isEqualTo("501 5.7.0 Authentication aborted");
        assertThat(client.command("NOOP")).startsWith("250 ");
    }

    @Test
    void badBase64Gets501() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN !!!")).isEqualTo("501 5.5.2 Error: cannot decode base64");
        client.command("AUTH LOGIN");
        assertThat(client.command("!!!")).isEqualTo("501 5.5.2 Error: cannot decode base64");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame535() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN " + plain(USER, "wrong"))).isEqualTo("535 5.7.8 Authentication credentials invalid");
        stop();
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN " + plain("mallory", PASSWORD))).isEqualTo("535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void secondAuthAfterSuccessGets503() throws Exception {
        connect(AUTH);
        client.command("AUTH PLAIN " + plain(USER, PASSWORD));
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).isEqualTo("503 5.5.1 Error: already authenticated");
    }

    @Test
    void authInsideATransactionGets503() throws Exception {
        connect(AUTH);
        client.command("MAIL FROM:<a@example.com>");
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD)))
                .isEqualTo("503 5.5.1 Error: AUTH not allowed during a mail transaction");
    }

    @Test
    void unknownMechanismGets504() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH DIGEST-MD5")).isEqualTo("504 5.5.4 Unrecognized authentication mechanism");
        stop();
        connect(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false));
        assertThat(client.command("AUTH CRAM-MD5")).startsWith("504 5.5.4 ");
    }

    @Test
    void responsesMayHave12288OctetsButNoMore() throws Exception {
        connect(AUTH);
        client.command("AUTH LOGIN");
        String longName = base64("u".repeat(9000)); // 12000 octets of base64
        assertThat(client.command(longName)).isEqualTo("334 UGFzc3dvcmQ6");
        assertThat(client.command(base64(PASSWORD))).startsWith("535 ");
        client.command("AUTH LOGIN");
        assertThat(client.command("A".repeat(12289))).isEqualTo("500 5.5.6 Error: authentication response too long");
        assertThat(client.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
        assertThat(client.command("A".repeat(100_000))).isEqualTo("500 5.5.6 Error: authentication response too long");
        assertThat(client.command("NOOP")).startsWith("250 ");
    }

    @Test
    void theAuthLineItselfKeepsTheCommandLineLimit() throws Exception {
        connect(AUTH);
        assertThat(client.command("AUTH PLAIN " + "A".repeat(600))).isEqualTo("500 5.5.2 Error: command line too long");
    }

    @Test
    void authRequiredRefusesMailRcptDataBdatAndVrfyUntilAuthenticated() throws Exception {
        connect(b -> AUTH.apply(b).authRequired(true));
        assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("530 5.7.0 Authentication required");
        assertThat(client.command("RCPT TO:<b@example.com>")).isEqualTo("530 5.7.0 Authentication required");
        assertThat(client.command("DATA")).isEqualTo("530 5.7.0 Authentication required");
        assertThat(client.sendRaw("BDAT 3 LAST\r\nabc").reply()).isEqualTo("530 5.7.0 Authentication required");
        assertThat(client.command("VRFY b@example.com")).isEqualTo("530 5.7.0 Authentication required");
        assertThat(client.command("NOOP")).startsWith("250 ");

        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).startsWith("235 ");
        client.startData();
        assertThat(client.endData("Subject: hi\r\n\r\nhello\r\n")).startsWith("250 ");
        assertThat(client.command("VRFY b@example.com")).startsWith("252 ");
    }

    @Test
    void aNewEhloKeepsTheAuthentication() throws Exception {
        connect(b -> AUTH.apply(b).authRequired(true));
        client.command("AUTH PLAIN " + plain(USER, PASSWORD));
        assertThat(client.command("EHLO again.example")).startsWith("250-");
        assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("250 ");
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).startsWith("503 ");
    }

    @Test
    void handlerCanTurnASuccessIntoARefusal() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        connect(b -> AUTH.apply(b).authRequired(true), new Handler() {
            @Override
            public Reply onAuth(Session session, String mechanism, String identity) {
                calls.add(mechanism + " " + identity);
                return Reply.of(535, "5.7.8", "Not today");
            }
        });
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).isEqualTo("535 5.7.8 Not today");
        assertThat(calls).containsExactly("PLAIN alice");
        assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("530 ");
    }

    @Test
    void anAuthenticatorThatThrowsGetsATemporaryFailure() throws Exception {
        connect(b -> b.authRequireTls(false).authenticator((session, user, password) -> {
            throw new IllegalStateException("directory down");
        }));
        assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD)))
                .isEqualTo("454 4.7.0 Temporary authentication failure, try again later");
    }
}

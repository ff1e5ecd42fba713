package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ListenerPolicy;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each listener's own policy: the server-wide settings, then its overrides. */
class ListenerPolicyTest {
    @Test
    void sizeIsEachListenersOwnInEhloAndMail() throws Exception {
        try (TestServer server = new TestServer(b -> b.maxMessageSize(1000).submission("127.0.0.1", 0)
                .policy("submission", p -> p.maxMessageSize(5000)))) {
            List<Integer> ports = server.server.ports(Listener.Kind.SMTP);
            try (SmtpTestClient smtp = new SmtpTestClient(ports.get(0));
                    SmtpTestClient submission = new SmtpTestClient(ports.get(1))) {
                smtp.reply();
                submission.reply();

                assertThat(smtp.command("EHLO client.example")).contains("250-SIZE 1000\n");
                assertThat(submission.command("EHLO client.example")).contains("250-SIZE 5000\n");
                assertThat(smtp.command("MAIL FROM:<a@example.com> SIZE=1001")).startsWith("552 5.3.4");
                assertThat(submission.command("MAIL FROM:<a@example.com> SIZE=1001")).startsWith("250");
                assertThat(submission.command("RSET")).startsWith("250");
                assertThat(submission.command("MAIL FROM:<a@example.com> SIZE=5001")).startsWith("552 5.3.4");
            }
        }
    }

    @Test
    void contentPastTheListenersLimitIsRefusedThoughTheServerWideOneWouldTakeIt() throws Exception {
        try (TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0).policy("lmtp", p -> p.maxMessageSize(100)))) {
            try (SmtpTestClient lmtp = server.lmtpClient()) {
                lmtp.greetLmtp();
                assertThat(lmtp.command("MAIL FROM:<a@example.com>")).startsWith("250");
                assertThat(lmtp.command("RCPT TO:<b@example.com>")).startsWith("250");
                assertThat(lmtp.command("DATA")).startsWith("354");
                assertThat(lmtp.endData("Subject: big\r\n\r\n" + "x".repeat(200) + "\r\n")).startsWith("552");
            }
            try (SmtpTestClient smtp = server.client()) {
                smtp.greet();
                assertThat(smtp.startData().endData("Subject: big\r\n\r\n" + "x".repeat(200) + "\r\n")).startsWith("250");
            }
        }
    }

    @Test
    void listenersStartFromTheServerWideSettingsAndKeepTheirOverrides() {
        SmtpServer server = SmtpServer.builder().port(0).submission("127.0.0.1", 0).lmtp("127.0.0.1", 0)
                .authenticator(new TestAuthenticator(false)).maxMessageSize(2000).acceptDomains(Set.of("Example.COM"))
                .proxyTrusted("10.0.0.0/8").proxyProtocol(Listener.Kind.LMTP, ProxyMode.REQUIRED)
                .policy("submission", p -> p.authRequired(true))
                .policy("submission", p -> p.acceptDomains(Set.of()))
                .build();

        List<Listener> listeners = server.settings().listeners();
        assertThat(listeners).extracting(Listener::name).containsExactly("smtp", "submission", "lmtp");
        ListenerPolicy defaults = new ListenerPolicy(false, Set.of("example.com"), false, 2000, ProxyMode.OFF);
        assertThat(listeners.get(0).policy()).isEqualTo(defaults);
        assertThat(listeners.get(1).policy()).isEqualTo(
                new ListenerPolicy(true, Set.of(), false, 2000, ProxyMode.OFF));
        assertThat(listeners.get(2).policy()).isEqualTo(defaults.toBuilder().proxy(ProxyMode.REQUIRED).build());
    }

    @Test
    void aPolicyForNoListenerFailsTheBuild() {
        SmtpServer.Builder builder = SmtpServer.builder().port(0).policy("submision", p -> p.authRequired(true));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policy(\"submision\", ...) names no listener").hasMessageContaining("[smtp]");
    }

    @Test
    void aListenersPolicyIsCheckedAgainstWhatTheServerHas() {
        assertThatThrownBy(SmtpServer.builder().port(0).submission("127.0.0.1", 0)
                .policy("submission", p -> p.authRequired(true))::build)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("authRequired on submission")
                .hasMessageContaining("needs an authenticator");
        assertThatThrownBy(SmtpServer.builder().port(0).policy("smtp", p -> p.requireStartTls(true))::build)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("requireStartTls on smtp")
                .hasMessageContaining("needs tls(...)");
        assertThatThrownBy(SmtpServer.builder().port(0).policy("smtp", p -> p.proxy(ProxyMode.OPTIONAL))::build)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("proxyTrusted");
    }

    @Test
    void requireStartTlsOnOneListenerLeavesTheOtherOpen() throws Exception {
        try (TestServer server = new TestServer(b -> b.tls(dev.inbound.smtp.TlsSettings.selfSigned())
                .submission("127.0.0.1", 0).policy("submission", p -> p.requireStartTls(true)))) {
            List<Integer> ports = server.server.ports(Listener.Kind.SMTP);
            try (SmtpTestClient smtp = new SmtpTestClient(ports.get(0));
                    SmtpTestClient submission = new SmtpTestClient(ports.get(1))) {
                smtp.greet();
                submission.greet();
                assertThat(smtp.command("MAIL FROM:<a@example.com>")).startsWith("250");
                assertThat(submission.command("MAIL FROM:<a@example.com>")).startsWith("530 5.7.0");
            }
        }
    }
}

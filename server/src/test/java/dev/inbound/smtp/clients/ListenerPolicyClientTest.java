package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.protocol.TestAuthenticator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two listeners with different policies, driven by Python's smtplib over real sockets. */
class ListenerPolicyClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOGIN = "login:" + TestAuthenticator.USER + ":" + TestAuthenticator.PASSWORD;

    /** Port "25" takes mail for example.com from anyone; port "587" takes mail from authenticated users only. */
    private static TestServer relayAndSubmission() throws Exception {
        return new TestServer(b -> b.acceptDomains(Set.of("example.com"))
                .submission("127.0.0.1", 0).authenticator(new TestAuthenticator(false)).authRequireTls(false)
                .policy("submission", p -> p.authRequired(true).acceptDomains(Set.of())));
    }

    @Test
    void submissionRefusesMailBeforeAuthAndAcceptsAfterIt() throws Exception {
        try (TestServer server = relayAndSubmission()) {
            int submission = server.server.ports(Listener.Kind.SMTP).get(1);

            ProcessRunner.Result result = PythonScript.run("smtplib_policy.py", submission,
                    "mail:alice@example.com", LOGIN, "mail:alice@example.com", "rcpt:x@elsewhere.example",
                    "data:hello");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<String> lines = result.stdout().lines().toList();
            assertThat(lines.get(1)).as(result.describe()).startsWith("mail: 530 5.7.0");
            assertThat(lines.get(2)).as(result.describe()).startsWith("login: 235");
            assertThat(lines.subList(3, 6)).as(result.describe())
                    .allSatisfy(line -> assertThat(line).matches("(mail|rcpt|data): 250 .*"));
            CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
            assertThat(got.rcptTos()).containsExactly("x@elsewhere.example");
        }
    }

    @Test
    void smtpAcceptsItsDomainsWithoutAuthAndRefusesOthers() throws Exception {
        try (TestServer server = relayAndSubmission()) {
            ProcessRunner.Result result = PythonScript.run("smtplib_policy.py", server.port(),
                    "mail:sender@client.example", "rcpt:rcpt@example.com", "rcpt:x@elsewhere.example", "data:hello");

            assertThat(result.exitCode()).as(result.describe()).isZero();
            List<String> lines = result.stdout().lines().toList();
            assertThat(lines.get(1)).as(result.describe()).startsWith("mail: 250");
            assertThat(lines.get(2)).as(result.describe()).startsWith("rcpt: 250");
            assertThat(lines.get(3)).as(result.describe()).isEqualTo("rcpt: 554 5.7.1 Relaying denied");
            assertThat(lines.get(4)).as(result.describe()).startsWith("data: 250");
            assertThat(server.collector.awaitCount(1, WAIT).get(0).rcptTos()).containsExactly("rcpt@example.com");
        }
    }
}

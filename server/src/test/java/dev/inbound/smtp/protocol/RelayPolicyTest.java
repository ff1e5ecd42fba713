package dev.inbound.smtp.protocol;

import static dev.inbound.smtp.protocol.TestAuthenticator.PASSWORD;
import static dev.inbound.smtp.protocol.TestAuthenticator.USER;
import static dev.inbound.smtp.protocol.TestAuthenticator.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** accept-domains: no relaying for unauthenticated clients. */
class RelayPolicyTest {
    private static final String DENIED = "554 5.7.1 Relaying denied";

    private static TestServer server() throws Exception {
        return new TestServer(b -> b.acceptDomains(Set.of("a.example", "B.Example"))
                .authenticator(new TestAuthenticator(false)).authRequireTls(false));
    }

    @Test
    void refusesRecipientsOutsideTheListedDomains() throws Exception {
        try (TestServer server = server(); SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<x@elsewhere.example>");
            assertThat(client.command("RCPT TO:<rcpt@other.example>")).isEqualTo(DENIED);
            assertThat(client.command("RCPT TO:<rcpt@sub.a.example>")).isEqualTo(DENIED);
            assertThat(client.command("RCPT TO:<rcpt@[192.0.2.1]>")).isEqualTo(DENIED);
        }
    }

    @Test
    void acceptsListedDomainsIgnoringCaseAndPostmaster() throws Exception {
        try (TestServer server = server(); SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<x@elsewhere.example>");
            assertThat(client.command("RCPT TO:<rcpt@a.example>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RCPT TO:<rcpt@A.EXAMPLE>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RCPT TO:<rcpt@b.example>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RCPT TO:<Postmaster>")).isEqualTo("250 2.1.5 OK");
        }
    }

    @Test
    void authenticatedClientsMaySendAnywhere() throws Exception {
        try (TestServer server = server(); SmtpTestClient client = server.client().greet()) {
            assertThat(client.command("AUTH PLAIN " + plain(USER, PASSWORD))).startsWith("235 ");
            client.command("MAIL FROM:<alice@a.example>");
            assertThat(client.command("RCPT TO:<rcpt@other.example>")).isEqualTo("250 2.1.5 OK");
        }
    }

    @Test
    void withoutAListEveryRecipientIsAccepted() throws Exception {
        try (TestServer server = new TestServer(); SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<x@elsewhere.example>");
            assertThat(client.command("RCPT TO:<rcpt@other.example>")).isEqualTo("250 2.1.5 OK");
        }
    }
    @Test
    void internationalDomainsMatchInEveryForm() throws Exception {
        try (TestServer server = new TestServer(b -> b.acceptDomains(Set.of("Bücher.example", "xn--mller-kva.example")));
                SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<x@elsewhere.example> SMTPUTF8");
            assertThat(client.command("RCPT TO:<a@xn--bcher-kva.example>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RCPT TO:<a@bücher.example>")).isEqualTo("250 2.1.5 OK");
            // u followed by a combining diaeresis: the same name once normalized (NFC)
            assertThat(client.command("RCPT TO:<a@bu\u0308cher.example>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RCPT TO:<a@MÜLLER.example>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("RCPT TO:<a@bucher.example>")).isEqualTo(DENIED);
        }
    }
}

package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One transcript per command: the replies the server gives, over a real socket. */
class CommandsTest {
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
    void greetsWithHostnameAndIdent() throws Exception {
        assertThat(client.reply()).isEqualTo("220 inbound.test ESMTP Inbound");
    }

    @Test
    void ehloListsTheExtensions() throws Exception {
        client.reply();
        assertThat(client.command("EHLO client.example")).isEqualTo(String.join("\n",
                "250-inbound.test", "250-SIZE 33554432", "250-8BITMIME", "250-SMTPUTF8", "250-PIPELINING",
                "250-CHUNKING", "250-ENHANCEDSTATUSCODES", "250 HELP"));
    }

    @Test
    void heloAnswersWithoutExtensionsOrEnhancedCodes() throws Exception {
        client.reply();
        assertThat(client.command("HELO client.example")).isEqualTo("250 inbound.test");
        assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("250 OK");
        assertThat(client.command("NOOP")).isEqualTo("250 OK");
    }

    @Test
    void verbsAreCaseInsensitive() throws Exception {
        client.reply();
        assertThat(client.command("ehlo client.example")).startsWith("250-inbound.test");
        assertThat(client.command("mail from:<a@example.com>")).isEqualTo("250 2.1.0 OK");
        assertThat(client.command("rCpT tO:<b@example.com>")).isEqualTo("250 2.1.5 OK");
        assertThat(client.command("data")).startsWith("354 ");
    }

    @Test
    void heloAndEhloNeedAnArgument() throws Exception {
        client.reply();
        assertThat(client.command("HELO")).isEqualTo("501 Syntax: HELO hostname");
        assertThat(client.command("EHLO")).isEqualTo("501 Syntax: EHLO hostname");
    }

    @Test
    void acceptsTheNullSenderAndPostmaster() throws Exception {
        client.greet();
        assertThat(client.command("MAIL FROM:<>")).isEqualTo("250 2.1.0 OK");
        assertThat(client.command("RCPT TO:<Postmaster>")).isEqualTo("250 2.1.5 OK");
        client.command("DATA");
        assertThat(client.endData("Subject: bounce\r\n\r\nx\r\n")).startsWith("250 2.0.0");
        var message = server.collector.awaitCount(1, Duration.ofSeconds(5)).get(0);
        assertThat(message.mailFrom()).isEmpty();
        assertThat(message.rcptTos()).containsExactly("Postmaster");
    }

    @Test
    void noopRsetVrfyExpnHelpAndQuit() throws Exception {
        client.greet();
        assertThat(client.command("NOOP anything")).isEqualTo("250 2.0.0 OK");
        assertThat(client.command("RSET")).isEqualTo("250 2.0.0 OK");
        assertThat(client.command("RSET now")).isEqualTo("501 5.5.4 Syntax: RSET");
        assertThat(client.command("VRFY someone")).isEqualTo(
                "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery");
        assertThat(client.command("VRFY")).isEqualTo("501 5.5.4 Syntax: VRFY <address>");
        assertThat(client.command("EXPN staff")).isEqualTo("502 5.5.1 EXPN not implemented");
        assertThat(client.command("HELP")).isEqualTo(
                "214 2.0.0 Supported commands: BDAT DATA EHLO EXPN HELO HELP MAIL NOOP QUIT RCPT RSET VRFY");
        assertThat(client.command("HELP mail")).isEqualTo(
                "214 2.0.0 Syntax: MAIL FROM:<address> [SP <mail-parameters>]");
        assertThat(client.command("HELP FOO")).startsWith("501 5.5.4 Unknown HELP topic");
        assertThat(client.command("QUIT now")).isEqualTo("501 5.5.4 Syntax: QUIT");
        assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 Bye");
        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void unknownVerbGets500() throws Exception {
        client.greet();
        assertThat(client.command("XYZZY plugh")).isEqualTo("500 5.5.1 Error: command \"XYZZY\" not recognized");
        assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
    }

    @Test
    void emptyLineGets500() throws Exception {
        client.greet();
        assertThat(client.command("")).isEqualTo("500 5.5.2 Error: bad syntax");
    }

    @Test
    void rsetClearsTheTransaction() throws Exception {
        client.greet();
        client.command("MAIL FROM:<a@example.com>");
        client.command("RCPT TO:<b@example.com>");
        client.command("RSET");
        assertThat(client.command("RCPT TO:<b@example.com>")).isEqualTo("503 5.5.1 Error: need MAIL command");
        assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("250 2.1.0 OK");
    }

    @Test
    void ehloAgainResetsTheTransaction() throws Exception {
        client.greet();
        client.command("MAIL FROM:<a@example.com>");
        client.command("EHLO again.example");
        assertThat(client.command("MAIL FROM:<a@example.com>")).isEqualTo("250 2.1.0 OK");
    }
}

package dev.inbound.smtp.protocol;

import static dev.inbound.smtp.protocol.TestAuthenticator.PASSWORD;
import static dev.inbound.smtp.protocol.TestAuthenticator.USER;
import static dev.inbound.smtp.protocol.TestAuthenticator.base64;
import static dev.inbound.smtp.protocol.TestAuthenticator.plain;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Credentials never reach the log, even at DEBUG, where every command line is logged. */
class AuthLoggingTest {
    private interface Conversation {
        void run(SmtpTestClient client) throws Exception;
    }

    /** The DEBUG log lines of a session with a server offering AUTH without TLS. */
    private static List<String> debugLogOf(Conversation conversation) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("dev.inbound");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        try (TestServer server = new TestServer(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false));
                SmtpTestClient client = server.client().greet()) {
            conversation.run(client);
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void authLinesAndResponsesAreMasked() throws Exception {
        List<String> lines = debugLogOf(client -> {
            client.command("AUTH PLAIN " + plain(USER, PASSWORD + "1"));
            client.command("AUTH LOGIN");
            client.command(base64(USER));
            client.command(base64(PASSWORD));
            client.command("QUIT");
        });
        assertThat(lines).contains("< AUTH PLAIN ****", "< AUTH LOGIN", "< ****", "< QUIT");
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD).doesNotContain(base64(PASSWORD))
                .doesNotContain(plain(USER, PASSWORD + "1")).doesNotContain(base64(USER));
    }

    @Test
    void credentialsSentOutOfStepAreNeitherLoggedNorEchoed() throws Exception {
        List<String> lines = debugLogOf(client -> {
            assertThat(client.command("AUTH\tPLAIN\t" + plain(USER, PASSWORD)))
                    .isEqualTo("500 5.5.1 Error: command not recognized");
            assertThat(client.command("AUTH XOAUTH9")).startsWith("504");
            // The client did not wait for the refusal and sends its response anyway.
            assertThat(client.command(base64(PASSWORD))).isEqualTo("500 5.5.1 Error: command not recognized");
            assertThat(client.command("xyzzy")).isEqualTo("500 5.5.1 Error: command \"XYZZY\" not recognized");
        });
        assertThat(lines).contains("< AUTH\tPLAIN ****", "< ****", "< xyzzy");
        assertThat(String.join("\n", lines)).doesNotContain(base64(PASSWORD)).doesNotContain(plain(USER, PASSWORD));
    }
}

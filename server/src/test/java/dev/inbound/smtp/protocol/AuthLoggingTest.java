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
    @Test
    void authLinesAndResponsesAreMasked() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("dev.inbound");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        try (TestServer server = new TestServer(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false));
                SmtpTestClient client = server.client().greet()) {
            client.command("AUTH PLAIN " + plain(USER, PASSWORD + "1"));
            client.command("AUTH LOGIN");
            client.command(base64(USER));
            client.command(base64(PASSWORD));
            client.command("QUIT");
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).contains("< AUTH PLAIN ****", "< AUTH LOGIN", "< ****", "< QUIT");
        assertThat(String.join("\n", lines)).doesNotContain(PASSWORD).doesNotContain(base64(PASSWORD))
                .doesNotContain(plain(USER, PASSWORD + "1")).doesNotContain(base64(USER));
    }
}

package dev.inbound.smtp.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.protocol.TestAuthenticator;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Real clients doing what a submission client does: STARTTLS, then AUTH, then mail, against a
 * server that requires AUTH and offers it only over TLS (the default). Each message arrives
 * marked ESMTPSA.
 */
class TlsAuthClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TestServer submissionServer() throws Exception {
        return new TestServer(b -> b.tls(TlsSettings.selfSigned()).authenticator(new TestAuthenticator(false))
                .authRequired(true));
    }

    private static void assertAuthenticatedOverTls(TestServer server) throws InterruptedException {
        CollectedMessage got = server.collector.awaitCount(1, WAIT).get(0);
        assertThat(got.text()).contains(" with ESMTPSA id ");
    }

    @Test
    void swaksStartTlsThenAuth() throws Exception {
        try (TestServer server = submissionServer()) {
            ProcessRunner.Result result = ProcessRunner.run(List.of("swaks", "--server", "127.0.0.1",
                    "--port", Integer.toString(server.port()), "--helo", "client.example", "--timeout", "20",
                    "--to", "b@example.com", "--from", "a@example.com", "--tls",
                    "--auth", "PLAIN", "--auth-user", TestAuthenticator.USER,
                    "--auth-password", TestAuthenticator.PASSWORD));

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.stdout()).as(result.describe()).contains("235 2.7.0 Authentication successful");
            assertAuthenticatedOverTls(server);
        }
    }

    @Test
    void smtplibStartTlsThenLogin() throws Exception {
        try (TestServer server = submissionServer()) {
            ProcessRunner.Result result = PythonScript.run("smtplib_tls_login.py", server.port(),
                    TestAuthenticator.USER, TestAuthenticator.PASSWORD);

            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertAuthenticatedOverTls(server);
        }
    }

    @Test
    void angusRequiredStartTlsThenAuth() throws Exception {
        try (TestServer server = submissionServer()) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", Integer.toString(server.port()));
            props.put("mail.smtp.localhost", "client.example");
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.trust", "*");
            props.put("mail.smtp.ssl.checkserveridentity", "false");
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.connectiontimeout", "10000");
            props.put("mail.smtp.timeout", "10000");
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("sender@example.com"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.com"));
            message.setSubject("angus tls auth");
            message.setText("authenticated over TLS\r\n");

            Transport.send(message, TestAuthenticator.USER, TestAuthenticator.PASSWORD);

            assertAuthenticatedOverTls(server);
        }
    }
}

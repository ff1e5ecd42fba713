package dev.inbound.it.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

/** What both container tests check of the deployed WAR, with real clients: Angus Mail, HTTP, sockets. */
final class WarChecks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WarChecks() {
    }

    /** Sends one message through Angus Mail's SMTP transport to 127.0.0.1:{@code port}. */
    static void sendMail(int port, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("alice@example.com"));
        message.setRecipients(Message.RecipientType.TO, "bob@example.net");
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    /**
     * {@code healthUrl} answers 200 for the listener on {@code smtpPort}, and a mail sent there
     * with Angus Mail arrives on the broker's queue.
     */
    static void assertHealthyAndPublishing(String healthUrl, int smtpPort, TestBroker broker, String subject)
            throws Exception {
        HttpResponse<String> health = get(healthUrl);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK: Inbound listening on 127.0.0.1:" + smtpPort + "\n");

        sendMail(smtpPort, subject, "Hello from Angus Mail.");
        assertQueued(broker.receive(Duration.ofSeconds(10)), subject, "Hello from Angus Mail.");
    }

    /** The mail {@link #sendMail} sent, as the jms handler put it on the queue: envelope, headers, body. */
    private static void assertQueued(TestBroker.QueuedMail mail, String subject, String text) {
        assertThat(mail).as("a message on the queue").isNotNull();
        assertThat(mail.properties())
                .containsEntry("SmtpMailFrom", "alice@example.com")
                .containsEntry("SmtpRcptTo", "bob@example.net")
                .containsEntry("SmtpRcptCount", 1)
                .containsEntry("SmtpHelo", "client.example")
                .containsEntry("SmtpClientAddress", "127.0.0.1")
                .containsEntry("MailSubject", subject)
                .containsKey("InboundMessageId");
        assertThat(mail.body()).startsWith("Received: from client.example")
                .contains("\r\nFrom: alice@example.com\r\n", "\r\nTo: bob@example.net\r\n",
                        "\r\nSubject: " + subject + "\r\n")
                .endsWith("\r\n\r\n" + text + "\r\n");
    }

    /** The status and body of {@code GET url}. */
    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Nothing listens on 127.0.0.1:{@code port} any more, and the port can be bound again. */
    static void assertPortFree(int port) throws IOException {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    /** Milliseconds since {@code began}, a {@link System#nanoTime()}. */
    static long millisSince(long began) {
        return (System.nanoTime() - began) / 1_000_000;
    }
}

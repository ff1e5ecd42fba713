package dev.inbound.it.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.HealthCheck;
import dev.inbound.docker.InboundContainer;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;

/**
 * The image with the maildir handler, driven from the host by real clients: what they send is
 * found byte for byte in the container's Maildir. One container serves the class; each test
 * finds its own message by a unique Message-ID.
 */
class MaildirContainerIT {
    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland-" + UUID.randomUUID();
    /** The trace headers the server and the maildir handler put in front of what the client sent. */
    private static final Pattern TRACE = Pattern.compile(
            "((Received|Return-Path|Delivered-To):[^\r\n]*\r\n([ \t][^\r\n]*\r\n)*)+");

    private static InboundContainer inbound;
    private static Duration startup;

    @BeforeAll
    static void start() {
        // Stored as received (CRLF), so the file can be compared byte for byte with what was sent.
        inbound = InboundImage.container()
                .withMaildir()
                .withHandlerOption("line-endings", "crlf")
                .withTls(true)
                .withAuth(USER, PASSWORD)
                .withEnv("INBOUND_HOSTNAME", "mx.inbound.test")
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(imageHealthCheckEverySecond()));
        long begin = System.nanoTime();
        inbound.start();
        startup = Duration.ofNanos(System.nanoTime() - begin);
        System.out.println("MaildirContainerIT: container started and listening after " + startup.toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (inbound != null) {
            inbound.stop();
        }
    }

    @Test
    void angusMailMessageWithUtf8BodyAndAttachmentIsStoredByteForByte() throws Exception {
        MimeMessage message = new MimeMessage(session(new Properties()));
        message.setFrom("sender@example.com");
        message.setRecipients(Message.RecipientType.TO, "rcpt@example.com");
        message.setSubject("Grüße aus dem Container", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Schöne Grüße, ça va? 日本語のテキスト — 🚀\r\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(data, "application/octet-stream")));
        attachment.setFileName("data.bin");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();
        byte[] sent = bytes(message);

        MimeMessage parsed = parse(sent);
        // Not Transport.send, which would call saveChanges() and so make a new Message-ID.
        try (Transport smtp = parsed.getSession().getTransport("smtp")) {
            smtp.connect();
            smtp.sendMessage(parsed, parsed.getAllRecipients());
        }

        byte[] stored = storedMessage(message.getMessageID());
        assertStoredAsSent(stored, sent);
        assertThat(new String(stored, StandardCharsets.US_ASCII)).contains("with ESMTP id");
    }

    @Test
    void pythonSmtplibRawBytesAreStoredByteForByte() throws Exception {
        String id = "<" + UUID.randomUUID() + "@python.example>";
        byte[] sent = ("From: py@example.com\r\nTo: rcpt@example.com\r\nMessage-ID: " + id + "\r\n"
                + "Subject: from smtplib\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + "Zeile mit Umlauten: äöü\r\n.a line that starts with a dot\r\n\r\ntrailing  spaces  \r\n")
                .getBytes(StandardCharsets.UTF_8);

        Process python = new ProcessBuilder("python3", resource("/docker/sendmail.py").toString(), inbound.getHost(),
                String.valueOf(inbound.getSmtpPort()), "py@example.com", "rcpt@example.com")
                .redirectErrorStream(true).start();
        python.getOutputStream().write(sent);
        python.getOutputStream().close();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.exitValue()).as(output).isZero();

        assertStoredAsSent(storedMessage(id), sent);
    }

    @Test
    void startTlsWithTheSelfSignedCertificateAndAuthAreStampedEsmtpsa() throws Exception {
        MimeMessage message = textMessage(session(startTlsWithAuth()), "over STARTTLS with AUTH");

        Transport.send(message, USER, PASSWORD);

        String stored = new String(storedMessage(message.getMessageID()), StandardCharsets.UTF_8);
        assertThat(stored).contains("Received: from localhost").contains("(Inbound) with ESMTPSA id");
        assertThat(stored).contains("over STARTTLS with AUTH");
    }

    @Test
    void aWrongPasswordIsRefusedWith535() throws Exception {
        MimeMessage message = textMessage(session(startTlsWithAuth()), "must not arrive");

        assertThatThrownBy(() -> Transport.send(message, USER, "not the password"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("535");
        assertThat(grep(message.getMessageID()).getStdout()).isEmpty();
    }

    @Test
    void smtpsPortSpeaksTlsFromTheFirstByte() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtps.ssl.trust", "*");
        properties.put("mail.smtps.ssl.checkserveridentity", "false");
        properties.put("mail.smtps.auth", "true");
        Session session = Session.getInstance(properties);
        MimeMessage message = textMessage(session, "over SMTPS");

        try (Transport smtps = session.getTransport("smtps")) {
            smtps.connect(inbound.getHost(), inbound.getSmtpsPort(), USER, PASSWORD);
            smtps.sendMessage(message, message.getAllRecipients());
        }

        String stored = new String(storedMessage(message.getMessageID()), StandardCharsets.UTF_8);
        assertThat(stored).contains("(Inbound) with ESMTPSA id").contains("over SMTPS");
    }

    @Test
    void submissionPortTakesMailToo() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.port", String.valueOf(inbound.getSubmissionPort()));
        MimeMessage message = textMessage(session(properties), "over submission");

        Transport.send(message);

        assertThat(new String(storedMessage(message.getMessageID()), StandardCharsets.UTF_8)).contains("over submission");
    }

    @Test
    void runsAsANonRootUserAndTheImagesHealthCheckReportsHealthy() throws Exception {
        ExecResult id = inbound.execInContainer("id", "-u");
        assertThat(id.getStdout().strip()).isEqualTo("10025");

        List<String> imageCheck = imageHealthCheck().getTest();
        assertThat(imageCheck).startsWith("CMD").contains("health");
        // The image's own check, run by Docker (every second here, instead of every 30).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String status = null;
        while (System.nanoTime() < deadline && !"healthy".equals(status)) {
            status = inbound.getCurrentContainerInfo().getState().getHealth().getStatus();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo("healthy");
        // The same check by hand, and a check of a port where nothing listens fails.
        ExecResult health = inbound.execInContainer(imageCheck.subList(1, imageCheck.size()).toArray(String[]::new));
        assertThat(health.getExitCode()).as(health.getStderr()).isZero();
        ExecResult wrongPort = inbound.execInContainer("java", "-jar", "/opt/inbound/inbound.jar", "health",
                "--port", "2599", "--timeout", "2");
        assertThat(wrongPort.getExitCode()).isOne();
        assertThat(wrongPort.getStderr()).contains("inbound health: 127.0.0.1:2599");
    }

    @Test
    void startsWithinSeconds() {
        // A sanity bound, not a benchmark: the measured time is printed for the record.
        assertThat(startup).isLessThan(Duration.ofSeconds(10));
    }

    /** STARTTLS or nothing, trusting the container's self-signed certificate, then AUTH. */
    private static Properties startTlsWithAuth() {
        Properties properties = new Properties();
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        // The certificate names the server's hostname, not the localhost the test connects to.
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        properties.put("mail.smtp.auth", "true");
        return properties;
    }

    private static Session session(Properties properties) {
        properties.putIfAbsent("mail.smtp.host", inbound.getHost());
        properties.putIfAbsent("mail.smtp.port", String.valueOf(inbound.getSmtpPort()));
        return Session.getInstance(properties);
    }

    private static MimeMessage textMessage(Session session, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("sender@example.com");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.com"));
        message.setSubject(text);
        message.setText(text + "\r\n", "UTF-8");
        message.saveChanges();
        return message;
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The message as the bytes say, so that Angus Mail sends exactly these (a parsed message is written as read). */
    private static MimeMessage parse(byte[] message) throws MessagingException {
        return new MimeMessage(session(new Properties()), new ByteArrayInputStream(message));
    }

    /** The trace headers, then exactly the bytes the client sent. */
    private static void assertStoredAsSent(byte[] stored, byte[] sent) {
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        var trace = TRACE.matcher(text);
        assertThat(trace.lookingAt()).as("trace headers first in:%n%s", text).isTrue();
        assertThat(text.substring(trace.end())).isEqualTo(new String(sent, StandardCharsets.ISO_8859_1));
    }

    /** The one Maildir file holding {@code messageId}, read with copyFileFromContainer. */
    private static byte[] storedMessage(String messageId) throws Exception {
        ExecResult found = grep(messageId);
        List<String> files = found.getStdout().lines().toList();
        assertThat(files).as("files with %s in %s", messageId, inbound.maildirMessages()).hasSize(1);
        assertThat(files.get(0)).startsWith(InboundContainer.MAILDIR + "/new/");
        return inbound.copyFileFromContainer(files.get(0), in -> in.readAllBytes());
    }

    private static ExecResult grep(String text) throws IOException, InterruptedException {
        return inbound.execInContainer("grep", "-rlF", text, InboundContainer.MAILDIR);
    }

    private static HealthCheck imageHealthCheck() {
        return DockerClientFactory.instance().client().inspectImageCmd(InboundImage.get().asCanonicalNameString())
                .exec().getConfig().getHealthcheck();
    }

    /** The image's HEALTHCHECK command, run every second, so a test need not wait 30 s for the first check. */
    private static HealthCheck imageHealthCheckEverySecond() {
        HealthCheck image = imageHealthCheck();
        return new HealthCheck().withTest(image.getTest()).withTimeout(image.getTimeout())
                .withInterval(TimeUnit.SECONDS.toNanos(1)).withStartPeriod(image.getStartPeriod()).withRetries(3);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MaildirContainerIT.class.getResource(name).toURI());
    }
}

package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages sent by Angus Mail and by Python's smtplib to the {@code inbound} command, read
 * back by Python's {@code mailbox.Maildir}: byte for byte what was sent, in LF, behind the
 * headers Inbound adds.
 */
class MailboxRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void angusMailAndSmtplibMessagesReadBackByteExactThroughPythonMailbox() throws Exception {
        Path maildir = dir.resolve("Maildir");
        byte[] fromAngus;
        byte[] fromPython = ("From: py@example.org\r\nTo: rcpt@example.com\r\nSubject: via smtplib\r\n"
                + "Message-ID: <smtplib-1@example.org>\r\n\r\n.a line that starts with a dot\r\n"
                + "\r\nlast line\r\n").getBytes(StandardCharsets.US_ASCII);
        try (InboundProcess inbound = InboundProcess.start("root=" + maildir, dir.resolve("inbound.log"))) {
            fromAngus = sendWithAngusMail(inbound.port());
            PythonRunner.run("send_smtplib.py", fromPython, "127.0.0.1", Integer.toString(inbound.port()),
                    "py@example.org", "rcpt+folder@example.com");
        }

        assertRoundTrip(maildir, null, "via Angus Mail", "angus@example.org", "rcpt@example.com", fromAngus);
        assertRoundTrip(maildir, "folder", "via smtplib", "py@example.org", "rcpt+folder@example.com", fromPython);
    }

    private static void assertRoundTrip(Path maildir, String folder, String subject, String from, String rcpt,
            byte[] sent) throws Exception {
        List<String> lines = (folder == null ? PythonRunner.run("read_maildir.py", new byte[0], maildir.toString())
                : PythonRunner.run("read_maildir.py", new byte[0], maildir.toString(), folder)).lines().toList();
        assertThat(lines).hasSize(1);
        String[] fields = lines.get(0).split(" ");
        String name = fields[0];
        byte[] read = Base64.getDecoder().decode(fields[fields.length - 1]);
        assertThat(lines.get(0)).contains(" " + subject + " ");

        Path file = (folder == null ? maildir : maildir.resolve("." + folder)).resolve("new").resolve(name);
        assertThat(read).isEqualTo(Files.readAllBytes(file));
        assertThat(name).endsWith(",S=" + read.length);
        String text = new String(read, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Return-Path: <" + from + ">\nDelivered-To: " + rcpt + "\nReceived: from ");
        assertThat(DeliveredFiles.afterReceived(file))
                .isEqualTo(new String(sent, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /** Sends a message with Angus Mail's SMTP transport; returns the bytes it sent. */
    private static byte[] sendWithAngusMail(int port) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.localhost", "angus.test");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("angus@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.com"));
        message.setSubject("via Angus Mail");
        message.setText("Grüße aus Java\r\n.leading dot\r\n\r\nend\r\n", "UTF-8");
        Transport.send(message);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        message.writeTo(sent);
        return sent.toByteArray();
    }
}

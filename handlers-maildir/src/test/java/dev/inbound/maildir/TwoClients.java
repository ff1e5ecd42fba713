package dev.inbound.maildir;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * One message from Angus Mail to {@code rcpt@example.com} and one from Python's smtplib to
 * {@code rcpt+folder@example.com} (the Maildir++ folder {@code .folder}); what each sent.
 */
final class TwoClients {
    record Sent(String client, String from, String rcpt, String folder, String subject, byte[] bytes) {
    }

    private TwoClients() {
    }

    static List<Sent> send(int port) throws Exception {
        byte[] python = ("From: py@example.org\r\nTo: rcpt@example.com\r\nSubject: via smtplib\r\n"
                + "Message-ID: <smtplib-1@example.org>\r\n\r\n.a line that starts with a dot\r\n"
                + "\r\nlast line\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] angus = sendWithAngusMail(port);
        PythonRunner.run("send_smtplib.py", python, "127.0.0.1", Integer.toString(port), "py@example.org",
                "rcpt+folder@example.com");
        return List.of(new Sent("Angus Mail", "angus@example.org", "rcpt@example.com", null, "via Angus Mail", angus),
                new Sent("smtplib", "py@example.org", "rcpt+folder@example.com", "folder", "via smtplib", python));
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

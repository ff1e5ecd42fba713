package dev.inbound.junit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** The code under test in the README's example: what an application does with Angus Mail. */
final class WelcomeMail {
    private WelcomeMail() {
    }

    static void send(String host, int port, String to) throws MessagingException {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", host);
        settings.put("mail.smtp.port", Integer.toString(port));
        MimeMessage welcome = new MimeMessage(Session.getInstance(settings));
        welcome.setFrom(new InternetAddress("noreply@example.com"));
        welcome.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        welcome.setSubject("Welcome");
        welcome.setText("Glad to have you.");
        Transport.send(welcome);
    }
}

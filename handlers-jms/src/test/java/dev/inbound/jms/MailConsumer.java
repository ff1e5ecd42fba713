package dev.inbound.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The consumer of the README, word for word, so that it keeps compiling. */
public class MailConsumer {
    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ActiveMQConnectionFactory("tcp://localhost:61616");
        try (JMSContext jms = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            JMSConsumer consumer = jms.createConsumer(jms.createQueue("inbound.mail"));
            for (Message mail; (mail = consumer.receive()) != null; ) {
                byte[] rfc5322 = mail.getBody(byte[].class); // Received: first, CRLF line ends
                System.out.printf("%s from <%s> to %s: %s, %d bytes%n", mail.getStringProperty("InboundMessageId"),
                        mail.getStringProperty("SmtpMailFrom"), mail.getStringProperty("SmtpRcptTo"),
                        mail.getStringProperty("MailSubject"), rfc5322.length);
                mail.acknowledge(); // after the mail is safe on your side
            }
        }
    }
}

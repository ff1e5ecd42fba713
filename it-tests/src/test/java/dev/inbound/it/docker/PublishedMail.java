package dev.inbound.it.docker;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A message as the jms handler published it, read on the host: its properties (the envelope,
 * see the README's mapping table), its delivery mode and its body, the mail's raw bytes.
 *
 * @param properties   every property of the JMS message, by name
 * @param deliveryMode {@link jakarta.jms.DeliveryMode#PERSISTENT} or not
 * @param body         the bytes of the mail, the Received header Inbound added first
 */
record PublishedMail(Map<String, Object> properties, int deliveryMode, byte[] body) {

    /** A copy of {@code message}, readable after its session is gone. */
    static PublishedMail of(BytesMessage message) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            properties.put((String) name, message.getObjectProperty((String) name));
        }
        return new PublishedMail(properties, message.getJMSDeliveryMode(), message.getBody(byte[].class));
    }

    /** A property's value, or null. */
    Object property(String name) {
        return properties.get(name);
    }

    /** The body parsed as a mail. */
    MimeMessage mail() throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(body));
    }

    /** The Message-ID the handler read from the header section: what tells the messages apart. */
    String messageId() {
        return (String) property("MailMessageId");
    }
}

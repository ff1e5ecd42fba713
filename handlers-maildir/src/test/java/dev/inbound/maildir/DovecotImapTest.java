package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.TestServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dovecot reads what Inbound wrote: messages from Angus Mail and smtplib, stored by the
 * maildir handler, served by a private Dovecot over IMAP and fetched by Angus Mail's IMAP
 * store, come back as they were sent (IMAP gives them with CRLF again), with the headers
 * Inbound added in front, in the INBOX and in the Maildir++ folder.
 */
class DovecotImapTest {
    @TempDir
    Path dir;

    @Test
    void dovecotServesWhatInboundStoredOverImapByteExact() throws Exception {
        Path maildir = dir.resolve("Maildir");
        List<TwoClients.Sent> sent;
        try (TestServer inbound = new TestServer(b -> b, new MaildirHandler(MaildirSettings.single(maildir)))) {
            sent = TwoClients.send(inbound.port());
        }
        try (DovecotInstance dovecot = DovecotInstance.start(maildir, dir.resolve("dovecot"))) {
            Properties props = new Properties();
            props.put("mail.imap.connectiontimeout", "10000");
            props.put("mail.imap.timeout", "10000");
            Store store = Session.getInstance(props).getStore("imap");
            store.connect("127.0.0.1", dovecot.port(), DovecotInstance.USER, DovecotInstance.PASSWORD);
            try {
                for (TwoClients.Sent message : sent) {
                    Folder folder = store.getFolder(message.folder() == null ? "INBOX" : message.folder());
                    folder.open(Folder.READ_ONLY);
                    try {
                        Message[] messages = folder.getMessages();
                        assertThat(messages).as(message.client()).hasSize(1);
                        assertThat(messages[0].getSubject()).isEqualTo(message.subject());
                        ByteArrayOutputStream fetched = new ByteArrayOutputStream();
                        messages[0].writeTo(fetched);
                        String text = fetched.toString(StandardCharsets.UTF_8);
                        assertThat(text).startsWith("Return-Path: <" + message.from() + ">\r\nDelivered-To: "
                                + message.rcpt() + "\r\nReceived: from ");
                        assertThat(text).endsWith("\r\n" + new String(message.bytes(), StandardCharsets.UTF_8));
                        assertThat(messages[0].getSize()).isEqualTo(fetched.size());
                    } finally {
                        folder.close(false);
                    }
                }
            } finally {
                store.close();
            }
            assertThat(dovecot.complaints()).isEmpty();
        }
    }
}

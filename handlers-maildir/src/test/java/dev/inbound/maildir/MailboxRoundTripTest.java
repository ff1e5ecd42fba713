package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.InboundProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
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
        List<TwoClients.Sent> sent;
        try (InboundProcess inbound = InboundProcess.start(List.of("-Xmx256m"), dir.resolve("inbound.log"),
                "--hostname", "inbound.test", "--handler", "maildir", "--handler-option", "root=" + maildir)) {
            sent = TwoClients.send(inbound.port());
        }
        for (TwoClients.Sent message : sent) {
            assertRoundTrip(maildir, message);
        }
    }

    private static void assertRoundTrip(Path maildir, TwoClients.Sent sent) throws Exception {
        List<String> lines = (sent.folder() == null
                ? PythonRunner.run("read_maildir.py", new byte[0], maildir.toString())
                : PythonRunner.run("read_maildir.py", new byte[0], maildir.toString(), sent.folder())).lines().toList();
        assertThat(lines).as(sent.client()).hasSize(1);
        String[] fields = lines.get(0).split(" ");
        String name = fields[0];
        byte[] read = Base64.getDecoder().decode(fields[fields.length - 1]);
        assertThat(lines.get(0)).contains(" " + sent.subject() + " ");

        Path file = (sent.folder() == null ? maildir : maildir.resolve("." + sent.folder())).resolve("new").resolve(name);
        assertThat(read).isEqualTo(Files.readAllBytes(file));
        assertThat(name).endsWith(",S=" + read.length);
        String text = new String(read, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Return-Path: <" + sent.from() + ">\nDelivered-To: " + sent.rcpt() + "\nReceived: from ");
        assertThat(DeliveredFiles.afterReceived(file))
                .isEqualTo(new String(sent.bytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}

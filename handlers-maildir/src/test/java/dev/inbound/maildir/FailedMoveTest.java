package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link from {@code tmp/} into {@code new/} fails for one recipient: its {@code new/} is a
 * symbolic link to a directory on another file system ({@code /dev/shm}), so {@code link(2)}
 * gets {@code EXDEV} after the message was staged. Under SMTP the other recipient's copy,
 * already in {@code new/}, is taken back; under LMTP the other recipient keeps it.
 */
class FailedMoveTest {
    private static final String MESSAGE = "Subject: move\r\n\r\nbody\r\n";
    private static final List<String> RCPTS = List.of("fine@example.com", "broken@example.com");

    @TempDir
    Path root;

    private Path elsewhere;
    private MaildirSettings settings;

    @BeforeEach
    void breakTheNewDirectoryOfBroken() throws IOException {
        elsewhere = Files.createTempDirectory(Path.of("/dev/shm"), "inbound-new-");
        assertThat(Files.getFileStore(elsewhere)).isNotEqualTo(Files.getFileStore(root));
        Files.createDirectories(root.resolve("example.com/broken"));
        Files.createSymbolicLink(root.resolve("example.com/broken/new"), elsewhere);
        settings = MaildirSettings.perRecipient(root, PerRecipientMailboxes.DEFAULT_TEMPLATE);
    }

    @AfterEach
    void removeElsewhere() throws IOException {
        try (Stream<Path> all = Files.walk(elsewhere)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void underSmtpAFailedMoveTakesBackTheCopiesAlreadyInNew() throws Exception {
        try (TestServer server = new TestServer(b -> b, new MaildirHandler(settings));
                SmtpTestClient client = server.client().greet()) {
            assertThat(Transactions.smtp(client, "a@example.net", RCPTS, MESSAGE)).startsWith("451 4.3.0");
        }
        assertNothingLeft("fine");
        assertNothingLeft("broken");
    }

    @Test
    void underLmtpTheOtherRecipientKeepsItsCopy() throws Exception {
        try (TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0), new MaildirHandler(settings));
                SmtpTestClient client = server.lmtpClient().greetLmtp()) {
            List<String> replies = Transactions.lmtp(client, "a@example.net", RCPTS, MESSAGE);
            assertThat(replies.get(0)).startsWith("250");
            assertThat(replies.get(1)).startsWith("451 4.3.0");
        }
        assertThat(DeliveredFiles.newOf(root.resolve("example.com/fine"))).hasSize(1);
        assertNothingLeft("broken");
    }

    private void assertNothingLeft(String local) {
        Path mailbox = root.resolve("example.com").resolve(local);
        assertThat(DeliveredFiles.newOf(mailbox)).as(local + "/new").isEmpty();
        assertThat(DeliveredFiles.in(mailbox.resolve("tmp"))).as(local + "/tmp").isEmpty();
    }
}

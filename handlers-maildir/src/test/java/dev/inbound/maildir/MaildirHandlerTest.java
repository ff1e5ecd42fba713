package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler behind a real server on loopback, over SMTP and LMTP. */
class MaildirHandlerTest {
    private static final String MESSAGE = "Subject: test\r\n\r\nline one\r\n..dot\r\n";

    @TempDir
    Path root;

    /** Sends {@link #MESSAGE} from {@code from} to {@code to} through a server with {@code settings}; returns the reply to the data. */
    private static String send(MaildirSettings settings, String from, String to) throws Exception {
        return send(settings, from, List.of(to), MESSAGE);
    }

    /** Sends {@code message} over SMTP to every recipient, each of which must be accepted. */
    private static String send(MaildirSettings settings, String from, List<String> rcpts, String message)
            throws Exception {
        try (TestServer server = new TestServer(b -> b, new MaildirHandler(settings));
                SmtpTestClient client = server.client().greet()) {
            return Transactions.smtp(client, from, rcpts, message);
        }
    }

    @Test
    void prependsReturnPathAndDeliveredToWithTheOriginalRecipient() throws Exception {
        Path box = root.resolve("all");
        assertThat(send(MaildirSettings.single(box), "sender@example.org", "Bob+Lists@Example.COM")).startsWith("250");
        List<Path> files = DeliveredFiles.newOf(box.resolve(".lists"));
        assertThat(files).hasSize(1);
        String text = DeliveredFiles.text(files.get(0));
        assertThat(text).startsWith("Return-Path: <sender@example.org>\nDelivered-To: Bob+Lists@Example.COM\nReceived: ");
        assertThat(DeliveredFiles.afterReceived(files.get(0))).isEqualTo("Subject: test\n\nline one\n.dot\n");
    }

    @Test
    void nullSenderIsAnEmptyReturnPath() throws Exception {
        Path box = root.resolve("all");
        assertThat(send(MaildirSettings.single(box), "", "b@example.com")).startsWith("250");
        assertThat(DeliveredFiles.text(DeliveredFiles.newOf(box).get(0))).startsWith("Return-Path: <>\n");
    }

    @Test
    void perRecipientModeFoldsCaseAndKeepsEveryPathInsideTheRoot() throws Exception {
        MaildirSettings settings = MaildirSettings.perRecipient(root, PerRecipientMailboxes.DEFAULT_TEMPLATE);
        assertThat(send(settings, "a@example.org", List.of("Alice@Example.COM", "\"..\"@example.com",
                "\".hidden\"@example.com", "\"a/b\"@example.com", "x@[127.0.0.1]"), MESSAGE)).startsWith("250");
        assertThat(DeliveredFiles.newOf(root.resolve("example.com/alice"))).hasSize(1);
        assertThat(DeliveredFiles.newOf(root.resolve("example.com/=2E."))).hasSize(1);
        assertThat(DeliveredFiles.newOf(root.resolve("example.com/=2Ehidden"))).hasSize(1);
        assertThat(DeliveredFiles.newOf(root.resolve("example.com/a=2Fb"))).hasSize(1);
        assertThat(DeliveredFiles.newOf(root.resolve("=5B127.0.0.1=5D/x"))).hasSize(1);
        try (var all = Files.walk(root)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("new")).count()).isEqualTo(5);
        }
    }

    @Test
    void mapModeRefusesUnknownRecipientsAtRcptAndHonoursTheCatchAll() throws Exception {
        Path map = Files.writeString(root.resolve("map"), """
                # address             path
                alice@example.com     alice
                @example.org          org
                """);
        MaildirSettings settings = MaildirSettings.builder(root).mapping(MailboxMap.read(map, root, "+")).build();
        try (TestServer server = new TestServer(b -> b, new MaildirHandler(settings));
                SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<a@example.net>");
            assertThat(client.command("RCPT TO:<nobody@example.com>")).startsWith("550 5.1.1");
            assertThat(client.command("RCPT TO:<ALICE+x@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<anyone@example.org>")).startsWith("250");
            client.command("DATA");
            assertThat(client.endData(MESSAGE)).startsWith("250");
        }
        assertThat(DeliveredFiles.newOf(root.resolve("alice/.x"))).hasSize(1);
        assertThat(DeliveredFiles.newOf(root.resolve("org"))).hasSize(1);

        Files.writeString(map, "*  everything\n", java.nio.file.StandardOpenOption.APPEND);
        MaildirSettings withCatchAll = MaildirSettings.builder(root).mapping(MailboxMap.read(map, root, "+")).build();
        assertThat(send(withCatchAll, "a@example.net", "nobody@example.com")).startsWith("250");
        assertThat(DeliveredFiles.newOf(root.resolve("everything"))).hasSize(1);
    }

    @Test
    void smtpFailureForOneRecipientLeavesNoRecipientWithACopy() throws Exception {
        // Both mailboxes are empty at RCPT; at the end of data the message is too big for "small" only.
        Path map = Files.writeString(root.resolve("map"), "big@example.com big\nsmall@example.com small\n");
        MaildirSettings settings = MaildirSettings.builder(root).mapping(MailboxMap.read(map, root, "+"))
                .quota(300, false).build();
        String large = "Subject: large\r\n\r\n" + "x".repeat(400) + "\r\n";
        assertThat(send(settings, "a@example.net", List.of("big@example.com", "small@example.com"), large))
                .startsWith("452 4.2.2");
        assertThat(DeliveredFiles.newOf(root.resolve("big"))).isEmpty();
        assertThat(DeliveredFiles.in(root.resolve("big/tmp"))).isEmpty();
        assertThat(DeliveredFiles.newOf(root.resolve("small"))).isEmpty();
    }

    @Test
    void lmtpGivesEachRecipientItsOwnOutcome() throws Exception {
        Path map = Files.writeString(root.resolve("map"), "fits@example.com fits\nfull@example.com full\n");
        Files.createDirectories(root.resolve("full/cur"));
        Files.write(root.resolve("full/cur/old,S=250:2,S"), new byte[250]);
        MaildirSettings settings = MaildirSettings.builder(root).mapping(MailboxMap.read(map, root, "+"))
                .quota(300, true).build();
        try (TestServer server = new TestServer(b -> b.lmtp("127.0.0.1", 0), new MaildirHandler(settings));
                SmtpTestClient client = server.lmtpClient().greetLmtp()) {
            // full@ holds 250 bytes of its 300: not yet full at RCPT, too full for the message.
            List<String> replies = Transactions.lmtp(client, "a@example.net",
                    List.of("fits@example.com", "full@example.com"), MESSAGE);
            assertThat(replies.get(0)).startsWith("250");
            assertThat(replies.get(1)).startsWith("552 5.2.2");
        }
        assertThat(DeliveredFiles.newOf(root.resolve("fits"))).hasSize(1);
        assertThat(DeliveredFiles.newOf(root.resolve("full"))).isEmpty();
    }

    @Test
    void fullMailboxIsRefusedAtRcpt() throws Exception {
        Path box = root.resolve("box");
        Files.createDirectories(box.resolve("new"));
        Files.write(box.resolve("new/1.M1P1Q1.h,S=500"), new byte[500]);
        try (TestServer server = new TestServer(b -> b, new MaildirHandler(MaildirSettings.builder(box).quota(400, false).build()));
                SmtpTestClient client = server.client().greet()) {
            client.command("MAIL FROM:<a@example.net>");
            assertThat(client.command("RCPT TO:<b@example.com>")).startsWith("452 4.2.2");
        }
    }

    @Test
    void lowFreeDiskSpaceRefusesMailBeforeAnyData() throws Exception {
        MaildirSettings settings = MaildirSettings.builder(root.resolve("box")).minFree(Long.MAX_VALUE / 2).build();
        try (TestServer server = new TestServer(b -> b, new MaildirHandler(settings));
                SmtpTestClient client = server.client().greet()) {
            assertThat(client.command("MAIL FROM:<a@example.net>")).startsWith("452 4.3.1");
        }
    }

    @Test
    void severalRecipientsShareOneWrittenFileWhenDeliveredToIsSingle() throws Exception {
        MaildirSettings settings = MaildirSettings.builder(root).mapping(new PerRecipientMailboxes(root, "{domain}/{local}"))
                .deliveredTo(MaildirSettings.DeliveredTo.SINGLE).build();
        assertThat(send(settings, "a@example.net", List.of("one@example.com", "two@example.com"), MESSAGE))
                .startsWith("250");
        Path one = DeliveredFiles.newOf(root.resolve("example.com/one")).get(0);
        Path two = DeliveredFiles.newOf(root.resolve("example.com/two")).get(0);
        assertThat(Files.getAttribute(one, "unix:ino")).isEqualTo(Files.getAttribute(two, "unix:ino"));
        assertThat(one.getFileName()).isNotEqualTo(two.getFileName());
        assertThat(DeliveredFiles.text(one)).doesNotContain("Delivered-To");
    }

    @Test
    void eachRecipientGetsItsOwnDeliveredToByDefault() throws Exception {
        Path box = root.resolve("box");
        assertThat(send(MaildirSettings.single(box), "a@example.net", List.of("one@example.com", "two@example.com"),
                MESSAGE)).startsWith("250");
        List<String> headers = DeliveredFiles.newOf(box).stream()
                .map(f -> DeliveredFiles.text(f).lines().skip(1).findFirst().orElseThrow()).sorted().toList();
        assertThat(headers).containsExactly("Delivered-To: one@example.com", "Delivered-To: two@example.com");
        assertThat(new String(Files.readAllBytes(DeliveredFiles.newOf(box).get(0)), StandardCharsets.UTF_8))
                .doesNotContain("\r");
    }
}

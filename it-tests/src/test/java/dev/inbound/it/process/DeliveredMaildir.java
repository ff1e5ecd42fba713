package dev.inbound.it.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a stopped server left in a Maildir (mode {@code single}), checked against what was sent:
 * every file in {@code new/} is one whole message, byte for byte, and {@code tmp/} is empty.
 */
final class DeliveredMaildir {
    private static final Pattern MESSAGE_ID = Pattern.compile("^Message-ID: <(.+)@it\\.test>$", Pattern.MULTILINE);

    private DeliveredMaildir() {
    }

    /**
     * How many copies of each sent message {@code root/new} holds, by id. Fails if a file there is
     * not exactly one of {@code sent} behind the handler's own headers, or if {@code tmp/} or
     * {@code cur/} holds anything.
     */
    static Map<String, Integer> copies(Path root, Map<String, TestMail> sent) throws IOException {
        assertThat(list(root.resolve("tmp"))).as("files left in tmp/").isEmpty();
        assertThat(list(root.resolve("cur"))).as("files in cur/").isEmpty();
        Map<String, Integer> copies = new HashMap<>();
        for (Path file : list(root.resolve("new"))) {
            String stored = Files.readString(file, StandardCharsets.US_ASCII);
            Matcher id = MESSAGE_ID.matcher(stored);
            assertThat(id.find()).as("a Message-ID in %s", file).isTrue();
            TestMail mail = sent.get(id.group(1));
            assertThat(mail).as("%s is a message that was sent", file).isNotNull();
            // The handler's headers first (Return-Path, Delivered-To, Received), then the message whole.
            // (A boolean, so that a failure names the file instead of printing a megabyte.)
            String headers = "Return-Path: <" + TestMail.FROM + ">\nDelivered-To: " + TestMail.TO + "\nReceived: ";
            assertThat(stored.startsWith(headers) && stored.endsWith(mail.asStored())
                    && stored.length() - mail.asStored().length() < 500)
                    .as("%s holds the handler's headers and then all of %s, byte for byte", file, mail.id()).isTrue();
            copies.merge(mail.id(), 1, Integer::sum);
        }
        return copies;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

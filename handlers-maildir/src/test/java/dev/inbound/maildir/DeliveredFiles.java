package dev.inbound.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What tests read back from a Maildir: the files of one of its subdirectories, sorted by name. */
final class DeliveredFiles {
    private DeliveredFiles() {
    }

    static List<Path> in(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> newOf(Path maildir) {
        return in(maildir.resolve("new"));
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text after the headers Inbound adds (Return-Path, Delivered-To, Received and its continuation lines). */
    static String afterReceived(Path file) {
        String text = text(file);
        int received = text.indexOf("Received: ");
        int end = received;
        do {
            end = text.indexOf('\n', end) + 1;
        } while (text.charAt(end) == ' ' || text.charAt(end) == '\t');
        return text.substring(end);
    }
}

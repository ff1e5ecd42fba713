package dev.inbound.smtp.spool;

import dev.inbound.smtp.MessageContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A finished spool's bytes; the MimeMessage reads them through Jakarta Mail's shared streams, without a copy. */
final class SpooledContent implements MessageContent {
    private static final Session MAIL_SESSION = Session.getInstance(new Properties());

    private final byte[] memory;
    private final Path file;
    private final long size;
    private SharedFileInputStream fileSource;
    private MimeMessage message;

    private SpooledContent(byte[] memory, Path file, long size) {
        this.memory = memory;
        this.file = file;
        this.size = size;
    }

    static SpooledContent ofMemory(byte[] bytes, int length) {
        return new SpooledContent(bytes, null, length);
    }

    static SpooledContent ofFile(Path file, long size) {
        return new SpooledContent(null, file, size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream openStream() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory, 0, (int) size);
    }

    @Override
    public synchronized MimeMessage mimeMessage() throws IOException, MessagingException {
        if (message == null) {
            InputStream source;
            if (file != null) {
                fileSource = new SharedFileInputStream(file.toFile());
                source = fileSource;
            } else {
                source = new SharedByteArrayInputStream(memory, 0, (int) size);
            }
            message = new MimeMessage(MAIL_SESSION, source);
        }
        return message;
    }

    synchronized void release() {
        if (fileSource != null) {
            try {
                fileSource.close();
            } catch (IOException ignored) {
                // only the spool reads this file; it is deleted right after
            }
            fileSource = null;
        }
    }
}

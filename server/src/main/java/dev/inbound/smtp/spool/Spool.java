package dev.inbound.smtp.spool;

import dev.inbound.smtp.MessageContent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Takes a message's bytes as they arrive: in memory up to a threshold, then in a temporary
 * file, so that memory per connection stays bounded whatever the message size.
 *
 * <p>{@link #finish()} makes the bytes readable as {@link MessageContent};
 * {@link #close()} frees memory and deletes the file, whatever state the spool is in.
 */
public final class Spool implements AutoCloseable {
    private final int threshold;
    private final Path directory;
    private byte[] memory = new byte[4096];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private SpooledContent content;

    public Spool(int threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (content != null) {
            throw new IllegalStateException("Spool already finished");
        }
        if (fileOut == null && size + length > threshold) {
            moveToFile();
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            if (size + length > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(threshold, Math.max(size + length, memory.length * 2L)));
            }
            System.arraycopy(bytes, offset, memory, (int) size, length);
        }
        size += length;
    }

    public long size() {
        return size;
    }

    /** Ends writing; the returned content is valid until {@link #close()}. */
    public MessageContent finish() throws IOException {
        if (content == null) {
            if (fileOut != null) {
                fileOut.close();
                fileOut = null;
                content = SpooledContent.ofFile(file, size);
            } else {
                content = SpooledContent.ofMemory(memory, (int) size);
            }
        }
        return content;
    }

    private void moveToFile() throws IOException {
        file = Files.createTempFile(directory, "inbound-", ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        fileOut.write(memory, 0, (int) size);
        memory = null;
    }

    @Override
    public void close() {
        memory = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next; a failed close cannot lose anything we still need
        }
        fileOut = null;
        if (content != null) {
            content.release();
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the OS temp cleaner gets it; nothing in the server reads it again
            }
            file = null;
        }
    }
}

package dev.inbound.smtp.spool;

import dev.inbound.smtp.MessageContent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a message's bytes as they arrive: in memory up to a threshold, then in a temporary
 * file, so that memory per connection stays bounded whatever the message size.
 *
 * <p>Memory grows in chunks (4 KiB, doubling to 64 KiB), never by copying into a larger
 * array: a message that passes the threshold has cost its bytes once, not twice, before it
 * goes to the file, and never sat in one array of the threshold's size. A message that stays
 * in memory is joined into one array when it is finished (no copy when it fit in the first chunk).
 *
 * <p>{@link #finish()} makes the bytes readable as {@link MessageContent};
 * {@link #close()} frees memory and deletes the file, whatever state the spool is in.
 */
public final class Spool implements AutoCloseable {
    private static final int FIRST_CHUNK = 4 * 1024;
    private static final int LARGEST_CHUNK = 64 * 1024;

    private final int threshold;
    private final Path directory;
    /** The bytes so far while in memory, every chunk full but the last; null once in a file. */
    private List<byte[]> chunks = new ArrayList<>();
    /** Bytes used in the last chunk. */
    private int lastUsed;
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
            toMemory(bytes, offset, length);
        }
        size += length;
    }

    private void toMemory(byte[] bytes, int offset, int length) {
        int from = offset;
        int left = length;
        while (left > 0) {
            byte[] last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last == null || lastUsed == last.length) {
                last = new byte[last == null ? FIRST_CHUNK : Math.min(last.length * 2, LARGEST_CHUNK)];
                chunks.add(last);
                lastUsed = 0;
            }
            int n = Math.min(left, last.length - lastUsed);
            System.arraycopy(bytes, from, last, lastUsed, n);
            lastUsed += n;
            from += n;
            left -= n;
        }
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
                content = SpooledContent.ofMemory(joined(), (int) size);
                chunks = null;
            }
        }
        return content;
    }

    /** The bytes in memory as one array: the first chunk itself when they fit in it. */
    private byte[] joined() {
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        byte[] whole = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : chunks) {
            int n = Math.min(chunk.length, (int) size - at);
            System.arraycopy(chunk, 0, whole, at, n);
            at += n;
        }
        return whole;
    }

    private void moveToFile() throws IOException {
        file = Files.createTempFile(directory, "inbound-", ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), LARGEST_CHUNK);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            fileOut.write(chunk, 0, i == chunks.size() - 1 ? lastUsed : chunk.length);
        }
        chunks = null;
    }

    @Override
    public void close() {
        chunks = null;
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

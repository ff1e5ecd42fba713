package dev.inbound.smtp.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpoolTest {
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    /** {@code size} bytes of noise, written in reads of 8 KiB or less as the decoder hands them over. */
    private static byte[] writeTo(Spool spool, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        for (int at = 0; at < size; at += 8000) {
            spool.write(bytes, at, Math.min(8000, size - at));
        }
        return bytes;
    }

    private static byte[] read(MessageContent content) throws IOException {
        try (InputStream in = content.openStream()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4096, 4097, 200_000, MIB, MIB + 1, 3 * MIB})
    void givesBackEveryByteInMemoryOrInAFile(int size) throws Exception {
        try (Spool spool = new Spool(MIB, dir)) {
            byte[] written = writeTo(spool, size);
            MessageContent content = spool.finish();

            assertThat(content.size()).isEqualTo(size);
            assertThat(read(content)).isEqualTo(written);
            assertThat(read(content)).as("read twice").isEqualTo(written);
            try (SpoolFiles files = new SpoolFiles(dir)) {
                assertThat(files.count()).as("a file only past the threshold").isEqualTo(size > MIB ? 1 : 0);
            }
        }
        try (SpoolFiles files = new SpoolFiles(dir)) {
            assertThat(files.count()).as("closed: no file left").isZero();
        }
    }

    @Test
    void theMimeMessageReadsTheSpooledBytes() throws Exception {
        try (Spool spool = new Spool(64, dir)) {
            byte[] message = ("Subject: spooled\r\n\r\n" + "line\r\n".repeat(40)).getBytes(StandardCharsets.US_ASCII);
            spool.write(message, 0, message.length);
            assertThat(spool.finish().mimeMessage().getSubject()).isEqualTo("spooled");
        }
    }

    /**
     * The memory bound of the sink path: a message past the threshold costs its bytes once on
     * the way to the file (in chunks), never a copy into ever larger arrays up to the threshold,
     * which allocated twice the threshold for every such message.
     */
    @Test
    void aMessagePastTheThresholdIsAllocatedOnceOnItsWayToTheFile() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] message = new byte[MIB + 200];
        new Random(1).nextBytes(message);
        for (int round = 0; round < 3; round++) { // the last round counts, once the code is warm
            long before = threads.getCurrentThreadAllocatedBytes();
            try (Spool spool = new Spool(MIB, dir)) {
                for (int at = 0; at < message.length; at += 8000) {
                    spool.write(message, at, Math.min(8000, message.length - at));
                }
                spool.finish();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) {
                assertThat(allocated).as("bytes allocated to spool a message of %d bytes", message.length)
                        .isLessThan(MIB + MIB / 4);
            }
        }
    }

    /** The files in the spool directory, closed after counting. */
    private static final class SpoolFiles implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        SpoolFiles(Path dir) throws IOException {
            files = Files.list(dir);
        }

        long count() {
            return files.count();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}

package dev.inbound.bench;

import dev.inbound.smtp.codec.Content;
import dev.inbound.smtp.codec.InputEvent;
import dev.inbound.smtp.codec.SmtpInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast {@link SmtpInput} turns DATA bytes into content: end-of-data search and
 * dot-unstuffing, per 1 MiB message, read in 64 KiB pieces as MINA hands them over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DataFramingBenchmark {
    private static final int READ_SIZE = 64 * 1024;

    /** Text lines of 76 octets (typical base64 bodies) or 998 (the longest allowed). */
    @Param({"76", "998"})
    public int lineLength;

    private byte[] message;
    private SmtpInput input;

    @Setup
    public void prepare() {
        String line = "x".repeat(lineLength - 1) + ".\r\n";
        StringBuilder data = new StringBuilder();
        while (data.length() < 1024 * 1024) {
            data.append(line);
            data.append("..stuffed\r\n");
        }
        data.append(".\r\n");
        message = data.toString().getBytes(StandardCharsets.US_ASCII);
        input = new SmtpInput(4096);
    }

    /** Returns the content octets of one message, so the work cannot be optimised away. */
    @Benchmark
    public long frameOneMebibyteMessage() {
        input.expectData();
        long octets = 0;
        for (int start = 0; start < message.length; start += READ_SIZE) {
            ByteBuffer read = ByteBuffer.wrap(message, start, Math.min(READ_SIZE, message.length - start));
            while (read.hasRemaining()) {
                InputEvent event = input.next(read);
                if (event instanceof Content piece) {
                    octets += piece.length();
                }
            }
        }
        return octets;
    }
}

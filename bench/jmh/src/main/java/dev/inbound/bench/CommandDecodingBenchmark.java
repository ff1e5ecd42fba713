package dev.inbound.bench;

import dev.inbound.smtp.codec.CommandLine;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast {@link SmtpInput} cuts command lines out of what a client sends: one transaction's
 * commands, pipelined in one read, as smtp-source and most clients send them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CommandDecodingBenchmark {
    private byte[] commands;
    private SmtpInput input;

    @Setup
    public void prepare() {
        commands = ("EHLO client.example.org\r\nMAIL FROM:<sender@example.org> SIZE=1024 BODY=8BITMIME\r\n"
                + "RCPT TO:<first@example.net>\r\nRCPT TO:<second@example.net>\r\nNOOP\r\nRSET\r\nQUIT\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        input = new SmtpInput(16384);
    }

    /** Returns the octets of the lines decoded, so the work cannot be optimised away. */
    @Benchmark
    public long decodeOneTransactionsCommands() {
        ByteBuffer read = ByteBuffer.wrap(commands);
        long octets = 0;
        while (read.hasRemaining()) {
            InputEvent event = input.next(read);
            if (event instanceof CommandLine line) {
                octets += line.length();
            }
        }
        return octets;
    }
}

package dev.inbound.smtp.clients;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external client (python3, curl, openssl, swaks) to completion with a hard timeout and captures what
 * it printed. A missing executable throws from {@link #run}, so the test fails instead of
 * being skipped; a process past its timeout is killed and fails the test the same way.
 */
public final class ProcessRunner {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What a finished process left behind. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Everything printed, for assertion messages. */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private ProcessRunner() {
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, TIMEOUT);
    }

    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, "", timeout);
    }

    /** Runs {@code command} with {@code input} (ISO-8859-1, so CRLF goes as it is) as its whole stdin. */
    public static Result run(List<String> command, String input, Duration timeout) throws IOException, InterruptedException {
        return run(command, input.getBytes(StandardCharsets.ISO_8859_1), timeout);
    }

    /** Runs {@code command} with {@code input} as its whole stdin. */
    public static Result run(List<String> command, byte[] input, Duration timeout) throws IOException, InterruptedException {
        File stdin = File.createTempFile("client-", ".in");
        File stdout = File.createTempFile("client-", ".out");
        File stderr = File.createTempFile("client-", ".err");
        try {
            Files.write(stdin.toPath(), input);
            Process process = new ProcessBuilder(command)
                    .redirectInput(stdin)
                    .redirectOutput(stdout)
                    .redirectError(stderr)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("Timed out after " + timeout + ": " + command + "\n"
                        + new Result(-1, read(stdout), read(stderr)).describe());
            }
            return new Result(process.exitValue(), read(stdout), read(stderr));
        } finally {
            Files.deleteIfExists(stdin.toPath());
            Files.deleteIfExists(stdout.toPath());
            Files.deleteIfExists(stderr.toPath());
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }
}

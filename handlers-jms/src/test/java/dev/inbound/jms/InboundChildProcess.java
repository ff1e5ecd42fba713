package dev.inbound.jms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code inbound --handler jms} in a JVM of its own, with a heap limit, on a free loopback port. */
final class InboundChildProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+).*");

    private final Process process;
    final int port;

    private InboundChildProcess(Process process, int port, Path gcLog) {
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
    }

    /** The most heap, in MiB, that was still in use after a collection: what the process really held. */
    long peakLiveHeapMib() throws IOException {
        long peak = 0;
        for (String line : java.nio.file.Files.readAllLines(gcLog)) {
            Matcher after = AFTER_GC.matcher(line);
            while (after.find()) {
                peak = Math.max(peak, Long.parseLong(after.group(1)));
            }
        }
        return peak;
    }

    private static final Pattern AFTER_GC = Pattern.compile("\\d+M->(\\d+)M\\(");

    private final Path gcLog;

    /** Starts it with the heap limit {@code heap}, logging its garbage collections to {@code gcLog}. */
    static InboundChildProcess start(String heap, String handlerOptions, Path log, Path gcLog, String... more)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                "dev.inbound.cli.InboundCommand", "--listen", "127.0.0.1:0", "--handler", "jms",
                "--handler-option", handlerOptions));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.matches()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the process ended
                    }
                }, "inbound-stdout");
                drain.setDaemon(true);
                drain.start();
                return new InboundChildProcess(process, Integer.parseInt(listening.group(1)), gcLog);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("inbound --handler jms ended before listening; see " + log);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}

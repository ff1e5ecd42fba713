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

    private InboundChildProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static InboundChildProcess start(String heap, String handlerOptions, Path log, String... more)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
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
                return new InboundChildProcess(process, Integer.parseInt(listening.group(1)));
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

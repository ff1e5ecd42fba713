package dev.inbound.smtp.clients;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private Postfix for one test, not the machine's: its own configuration, queue and log
 * under a directory of the test, smtpd on a free loopback port, and mail for one domain handed
 * on by LMTP ({@code virtual_transport = lmtp:inet:127.0.0.1:PORT}). Every daemon runs without
 * chroot, so no copy of /etc is needed. Mail for any other domain fails at once.
 *
 * <p>Postfix must be installed (Debian's {@code postfix}, as {@code .ci/run} installs it); a
 * machine without it fails the test. The instance needs root, as Postfix's master does.
 */
final class PostfixInstance implements AutoCloseable {
    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path POSTQUEUE = Path.of("/usr/sbin/postqueue");
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Path config;
    private final Path queue;
    private final Path log;
    private final int smtpPort;

    private PostfixInstance(Path config, Path queue, Path log, int smtpPort) {
        this.config = config;
        this.queue = queue;
        this.log = log;
        this.smtpPort = smtpPort;
    }

    /**
     * Starts Postfix in {@code dir}, delivering mail for {@code domain} by LMTP to
     * 127.0.0.1:{@code lmtpPort}; {@code settings} are more main.cf lines.
     */
    static PostfixInstance start(Path dir, String domain, int lmtpPort, String... settings)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(POSTFIX)) {
            throw new AssertionError("Postfix is not installed (no " + POSTFIX + "): apt-get install postfix, as .ci/run does");
        }
        // Postfix's daemons run as the postfix user, which must get through to the queue.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectory(dir.resolve("etc"));
        // Root's, as Postfix wants it; Postfix makes what is inside, and the data directory, its own.
        Path queue = Files.createDirectory(dir.resolve("queue"));
        Path log = dir.resolve("maillog");
        int smtpPort = freePort();
        List<String> mainCf = new ArrayList<>(List.of(
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + dir.resolve("data"),
                "maillog_file_prefixes = " + dir,
                "maillog_file = " + log,
                "syslog_name = postfix-inbound-test",
                "myhostname = postfix.test",
                "mydomain = postfix.test",
                "mydestination =",
                "inet_interfaces = loopback-only",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "alias_maps =",
                "alias_database =",
                "biff = no",
                // Headers reach Inbound as the client wrote them: no address rewriting in them.
                "local_header_rewrite_clients =",
                "default_transport = error:this test delivers only to " + domain,
                "relay_transport = error:this test delivers only to " + domain));
        // Every address in the domain goes to Inbound, which decides per recipient: the README's lines.
        mainCf.addAll(readmeLines(domain, lmtpPort));
        mainCf.addAll(List.of(settings));
        Files.write(config.resolve("main.cf"), mainCf, StandardCharsets.US_ASCII);
        Files.writeString(config.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + smtpPort + " inet n - n - - smtpd",
                "cleanup unix n - n - 0 cleanup",
                "qmgr unix n - n 300 1 qmgr",
                "rewrite unix - - n - - trivial-rewrite",
                "bounce unix - - n - 0 bounce",
                "defer unix - - n - 0 bounce",
                "trace unix - - n - 0 bounce",
                "verify unix - - n - 1 verify",
                "flush unix n - n 1000? 0 flush",
                "proxymap unix - - n - - proxymap",
                "showq unix n - n - - showq",
                "error unix - - n - - error",
                "retry unix - - n - - error",
                "discard unix - - n - - discard",
                "lmtp unix - - n - - lmtp",
                "anvil unix - - n - 1 anvil",
                "scache unix - - n - 1 scache",
                "postlog unix-dgram n - n - 1 postlogd",
                "tlsmgr unix - - n 1000? 1 tlsmgr",
                ""), StandardCharsets.US_ASCII);
        PostfixInstance postfix = new PostfixInstance(config, queue, log, smtpPort);
        ProcessRunner.Result started = postfix.postfix("start");
        if (started.exitCode() != 0) {
            throw new AssertionError("postfix start failed: " + started.describe() + "\n--- maillog ---\n" + postfix.log());
        }
        return postfix;
    }

    /** The README's main.cf lines for Inbound behind Postfix, with {@code domain} and {@code lmtpPort} in place of its example's. */
    private static List<String> readmeLines(String domain, int lmtpPort) throws IOException {
        try (InputStream in = PostfixInstance.class.getResourceAsStream("/postfix/inbound-lmtp.cf")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(line -> line.replace("= example.com", "= " + domain).replace("127.0.0.1:2424", "127.0.0.1:" + lmtpPort))
                    .toList();
        }
    }

    /** The port of its smtpd on 127.0.0.1. */
    int smtpPort() {
        return smtpPort;
    }

    /** The mail queue as {@code postqueue -j} prints it: one JSON object per message. */
    String queue() throws IOException, InterruptedException {
        ProcessRunner.Result listed = ProcessRunner.run(List.of(POSTQUEUE.toString(), "-c", config.toString(), "-j"));
        if (listed.exitCode() != 0) {
            throw new AssertionError("postqueue failed: " + listed.describe());
        }
        return listed.stdout();
    }

    /** What Postfix has logged, for assertion messages. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no maillog)";
    }

    /** Stops Postfix and waits until its master process is gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        Optional<ProcessHandle> master = masterProcess();
        ProcessRunner.Result stopped = postfix("stop");
        if (stopped.exitCode() != 0) {
            throw new AssertionError("postfix stop failed: " + stopped.describe());
        }
        if (master.isPresent()) {
            try {
                master.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                master.get().destroyForcibly();
                throw new AssertionError("Postfix master did not stop within " + STOP_WAIT, e);
            }
        }
    }

    private Optional<ProcessHandle> masterProcess() throws IOException {
        Path pid = queue.resolve("pid/master.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid, StandardCharsets.US_ASCII).strip()));
    }

    private ProcessRunner.Result postfix(String action) throws IOException, InterruptedException {
        return ProcessRunner.run(List.of(POSTFIX.toString(), "-c", config.toString(), action));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.inbound.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.it.Await;
import dev.inbound.it.ReadmeSnippets;
import dev.inbound.smtp.InboundProcess;
import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command lines, run as written with the jar under test in place of
 * {@code dist/target/inbound.jar}: each server starts where the README says it listens, takes
 * mail from a real client (curl, swaks, HAProxy in front) and stops on SIGTERM.
 *
 * <p>The README's addresses are fixed (localhost:8025, 0.0.0.0:2525, ports 24 and 25), so each
 * server runs in a network namespace of its own ({@link PrivateNetwork}): the commands need no
 * change to run, cannot collide with anything else on the machine (another test, a developer's
 * server, a second build), and are reachable only by the clients the test starts inside. This
 * needs root, as CI has; without it the test fails, saying unshare was refused.
 */
class ReadmeCommandsIT {
    /** On SIGTERM the JVM runs the shutdown hook (a graceful stop) and exits with 128 + 15. */
    private static final int EXIT_AFTER_SIGTERM = 143;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<InboundProcess> servers = new ArrayList<>();
    private Process haproxy;

    @AfterEach
    void stop() throws InterruptedException {
        for (InboundProcess server : servers) {
            server.close();
        }
        if (haproxy != null) {
            haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theServerCommandListensOnLocalhost8025AndTheTryItLineDeliversToIt() throws Exception {
        InboundProcess inbound = start(ReadmeSnippets.get("start-server"));
        assertThat(inbound.listening()).matches("Inbound \\S+ listening on localhost:8025 with handler console");

        // The try-it line as the README has it, in the repository's folder, where README.md is.
        ProcessRunner.Result curl = PrivateNetwork.run(inbound.pid(), ReadmeSnippets.repository(),
                List.of("sh", "-c", ReadmeSnippets.get("try-it")));
        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        // The console handler prints the message: README.md, whose first line is its title.
        Await.until("the console handler printing README.md", WAIT, () -> inbound.printed().contains("# Inbound"));

        inbound.terminate();
        assertThat(inbound.awaitExit(Duration.ofSeconds(15))).isEqualTo(EXIT_AFTER_SIGTERM);
    }

    @Test
    void theRelayCommandListensOnEveryAddressAndOffersTheSizeItSets() throws Exception {
        InboundProcess inbound = start(ReadmeSnippets.get("relay-command"));
        assertThat(inbound.listening()).matches("Inbound \\S+ listening on 0\\.0\\.0\\.0:2525 with handler relay");
        ProcessRunner.Result ehlo = swaks(inbound, "--server", "127.0.0.1:2525", "--quit-after", "EHLO");
        assertThat(ehlo.stdout()).as(ehlo.describe()).contains("250-SIZE 10485760");
    }

    @Test
    void thePostfixLmtpCommandTakesLmtpOnLoopback2424() throws Exception {
        InboundProcess inbound = start(ReadmeSnippets.get("lmtp-command"));
        assertThat(inbound.listening())
                .matches("Inbound \\S+ listening for LMTP on 127\\.0\\.0\\.1:2424 with handler console");
        ProcessRunner.Result lmtp = swaks(inbound, "--protocol", "LMTP", "--server", "127.0.0.1:2424",
                "--to", "you@example.com", "--header", "Subject: by LMTP from the README");
        assertThat(lmtp.exitCode()).as(lmtp.describe()).isZero();
        Await.until("the message printed", WAIT, () -> inbound.printed().contains("Subject: by LMTP from the README"));
    }

    @Test
    void theMaildirCommandDeliversEachRecipientIntoItsOwnMaildir() throws Exception {
        // The command stores under /var/mail/vhosts: in its own mount namespace, on a tmpfs there.
        InboundProcess inbound = start(ReadmeSnippets.get("maildir-command"), "/var/mail");
        assertThat(inbound.listening())
                .matches("Inbound \\S+ listening for LMTP on 127\\.0\\.0\\.1:24 with handler maildir");
        ProcessRunner.Result lmtp = swaks(inbound, "--protocol", "LMTP", "--server", "127.0.0.1:24",
                "--to", "ann@example.com,bob@example.com", "--header", "Subject: into Maildirs");
        assertThat(lmtp.exitCode()).as(lmtp.describe()).isZero();
        // The server's view of the file system, mount namespace included.
        Path vhosts = Path.of("/proc", String.valueOf(inbound.pid()), "root", "var", "mail", "vhosts");
        for (String user : List.of("ann", "bob")) {
            List<Path> delivered = list(vhosts.resolve("example.com").resolve(user).resolve("new"));
            assertThat(delivered).as(user).hasSize(1);
            assertThat(Files.readString(delivered.get(0))).contains("Delivered-To: " + user + "@example.com\n")
                    .contains("Subject: into Maildirs\n");
        }
    }

    @Test
    void theJmsCommandListensOnPort25WithTheJmsHandler() throws Exception {
        // Its broker, tcp://broker:61616, is the reader's; starting needs none, as the handler connects on first use.
        InboundProcess inbound = start(ReadmeSnippets.get("jms-command"));
        assertThat(inbound.listening()).matches("Inbound \\S+ listening on 0\\.0\\.0\\.0:25 with handler jms");
        ProcessRunner.Result ehlo = swaks(inbound, "--server", "127.0.0.1:25", "--quit-after", "EHLO");
        assertThat(ehlo.stdout()).as(ehlo.describe()).contains("250-PIPELINING");
    }

    /**
     * HAProxy with the README's configuration on 10.0.0.5 and the README's proxy command on
     * 10.0.0.10, each in its own namespace, joined by a virtual link: a client of HAProxy's port
     * 25 reaches Inbound, which names the proxy it came through.
     */
    @Test
    void theHaproxyConfigurationAndTheProxyCommandWorkTogether() throws Exception {
        InboundProcess inbound = start(ReadmeSnippets.get("proxy-command"));
        assertThat(inbound.listening()).matches("Inbound \\S+ listening on 0\\.0\\.0\\.0:2525 with handler console");
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), ReadmeSnippets.get("haproxy-config"));
        haproxy = new ProcessBuilder(PrivateNetwork.wrap(List.of("haproxy", "-db", "-f", config.toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        PrivateNetwork.link(inbound.pid(), "10.0.0.10/24", haproxy.pid(), "10.0.0.5/24");

        // HAProxy binds :25 as it starts; until it does, swaks cannot connect.
        Await.until("a message through HAProxy", WAIT, () -> swaksThroughHaproxy().exitCode() == 0);
        Await.until("the message printed", WAIT, () -> inbound.printed().contains("Subject: through HAProxy"));
        assertThat(Files.readString(dir.resolve("inbound.log"))).containsPattern("connect from /127\\.0\\.0\\.1:\\d+ via proxy /10\\.0\\.0\\.5:\\d+");
    }

    @Test
    void theHttpApiCommandServesWhatArrivedToTheCurlLines() throws Exception {
        InboundProcess inbound = start(ReadmeSnippets.get("http-command"));
        assertThat(inbound.listening()).matches("Inbound \\S+ listening on localhost:2525 with handler console,store,"
                + " HTTP API on localhost:8080");

        // The README's curl lines as written, one after another, in the repository's folder (README.md is sent).
        ProcessRunner.Result curl = PrivateNetwork.run(inbound.pid(), ReadmeSnippets.repository(),
                List.of("sh", "-ec", ReadmeSnippets.get("http-curl")));
        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        String out = curl.stdout();
        // wait, then the list: each a listing of the one message
        assertThat(out).contains("{\"total\":1,\"messages\":[{\"id\":\"1\",");
        // the message itself, parsed: the envelope, and README.md as its text
        assertThat(out).contains("\"envelope\":{\"mailFrom\":\"me@example.com\",\"rcptTos\":[\"bob@example.net\"]");
        // the raw bytes: Inbound's Received header, then README.md
        assertThat(out).contains("Received: from ").contains("# Inbound");

        // The DELETE emptied the store.
        ProcessRunner.Result empty = PrivateNetwork.run(inbound.pid(), dir,
                List.of("curl", "-s", "http://localhost:8080/api/messages"));
        assertThat(empty.stdout()).as(empty.describe()).isEqualTo("{\"total\":0,\"messages\":[]}");
    }

    /** Starts the command of README block {@code block} in a network namespace of its own; its log is {@code inbound.log}. */
    private InboundProcess start(String block, String... privateFolders) throws IOException {
        ReadmeCommand command = ReadmeCommand.parse(block, Path.of(System.getProperty("inbound.jar")));
        InboundProcess inbound = InboundProcess.run(PrivateNetwork.wrap(command.words(), privateFolders),
                command.environment(), dir.resolve("inbound.log"));
        servers.add(inbound);
        return inbound;
    }

    private ProcessRunner.Result swaks(InboundProcess inbound, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("swaks", "--from", "me@example.com", "--helo", "client.example"));
        command.addAll(List.of(options));
        if (!command.contains("--to")) {
            command.addAll(List.of("--to", "you@example.com"));
        }
        return PrivateNetwork.run(inbound.pid(), dir, command);
    }

    private ProcessRunner.Result swaksThroughHaproxy() {
        try {
            return PrivateNetwork.run(haproxy.pid(), dir, List.of("swaks", "--server", "127.0.0.1:25", "--from",
                    "me@example.com", "--to", "you@example.com", "--header", "Subject: through HAProxy"));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}

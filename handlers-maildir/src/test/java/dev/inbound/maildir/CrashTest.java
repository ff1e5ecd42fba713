package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.InboundProcess;
import dev.inbound.smtp.SmtpTestClient;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of the server while 20 clients send: every message answered 250 is complete
 * in {@code new/} and parses, nothing partial is in {@code new/}, and a restart empties
 * {@code tmp/}. (SIGKILL keeps the kernel's page cache, so this tests the order of the steps,
 * not the fsyncs; those only a power cut would test.)
 */
class CrashTest {
    private static final int CLIENTS = 20;
    private static final int ACCEPTED_BEFORE_KILL = 60;
    private static final Pattern TOKEN = Pattern.compile("Subject: crash (c\\d+m\\d+)\nX-Lines: (\\d+)\n");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "fsync={0}")
    @ValueSource(strings = {"always", "batched"})
    void killDashNineWhileTwentyClientsSendLosesNothingAnswered250AndLeavesNothingPartial(String fsync) throws Exception {
        Path maildir = dir.resolve("Maildir");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(ACCEPTED_BEFORE_KILL);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        long killedPid;
        try (InboundProcess inbound = InboundProcess.start(List.of("-Xmx256m"), dir.resolve("first.log"),
                "--hostname", "inbound.test", "--handler", "maildir", "--handler-option", "root=" + maildir + ",fsync=" + fsync)) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> sendUntilRefused(inbound.port(), client, accepted, enough)));
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).as("250 replies before the kill").isTrue();
            inbound.kill();
            killedPid = inbound.pid();
        }
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        Set<String> inNew = new java.util.HashSet<>();
        for (Path file : DeliveredFiles.newOf(maildir)) {
            inNew.add(completeMessage(file));
        }
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(ACCEPTED_BEFORE_KILL);
        assertThat(inNew).containsAll(accepted);

        // Whether the kill caught a write in tmp/ is chance; a file named by the killed process makes it certain.
        String host = MaildirName.forThisProcess(MaildirSettings.localHostname()).host();
        Files.writeString(maildir.resolve("tmp/" + (System.currentTimeMillis() / 1000) + ".M1P" + killedPid
                + "Q999999." + host), "Subject: partial");

        try (InboundProcess restarted = InboundProcess.start(List.of("-Xmx256m"), dir.resolve("second.log"),
                "--hostname", "inbound.test", "--handler", "maildir", "--handler-option", "root=" + maildir)) {
            assertThat(DeliveredFiles.in(maildir.resolve("tmp"))).isEmpty();
        }
    }

    /** Sends messages of growing size over one connection after another until the server is gone. */
    private static Void sendUntilRefused(int port, int client, Set<String> accepted, CountDownLatch enough) {
        for (int m = 0; ; m++) {
            String token = "c" + client + "m" + m;
            int lines = 500 + 700 * (m % 7); // 40 KB to 250 KB, so that the kill lands mid-write too
            try (SmtpTestClient smtp = new SmtpTestClient(port)) {
                smtp.greet();
                smtp.startData("crash@example.org", "rcpt@example.com");
                StringBuilder message = new StringBuilder("Subject: crash " + token + "\r\nX-Lines: " + lines + "\r\n\r\n");
                for (int i = 0; i < lines; i++) {
                    message.append(String.format("%06d ", i)).append("x".repeat(70)).append("\r\n");
                }
                message.append("END ").append(token).append("\r\n");
                if (smtp.endData(message.toString()).startsWith("250")) {
                    accepted.add(token);
                    enough.countDown();
                }
            } catch (IOException serverGone) {
                return null;
            }
        }
    }

    /** The token of a complete, parseable message; fails the test for anything partial. */
    private static String completeMessage(Path file) throws Exception {
        String text = DeliveredFiles.text(file);
        Matcher m = TOKEN.matcher(text);
        assertThat(m.find()).as("headers of " + file).isTrue();
        String token = m.group(1);
        int lines = Integer.parseInt(m.group(2));
        String body = DeliveredFiles.afterReceived(file);
        assertThat(body).as(file.toString()).endsWith("\nEND " + token + "\n");
        assertThat(body.lines().count()).as(file.toString()).isEqualTo(2 + 1 + lines + 1);
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(parsed.getSubject()).isEqualTo("crash " + token);
        }
        return token;
    }
}

package dev.inbound.smtp.protocol;

import static dev.inbound.smtp.protocol.TestAuthenticator.PASSWORD;
import static dev.inbound.smtp.protocol.TestAuthenticator.USER;
import static dev.inbound.smtp.protocol.TestAuthenticator.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Failed AUTH: slowed from the second failure, closed after the third, banned per address after ten. */
class AuthThrottlingTest {
    private static final String FAILED = "535 5.7.8 Authentication credentials invalid";
    private static final long DELAY_MILLIS = Authentication.FAILURE_DELAY.toMillis();

    private static TestServer server(int workers) throws Exception {
        return new TestServer(b -> b.authenticator(new TestAuthenticator(false)).authRequireTls(false)
                .workerThreads(workers));
    }

    @Test
    void secondFailureIsDelayedAndThirdClosesWith421() throws Exception {
        try (TestServer server = server(4); SmtpTestClient client = server.client().greet()) {
            long start = System.nanoTime();
            assertThat(client.command("AUTH PLAIN " + plain(USER, "x1"))).isEqualTo(FAILED);
            assertThat(millisSince(start)).isLessThan(DELAY_MILLIS / 2);

            start = System.nanoTime();
            assertThat(client.command("AUTH PLAIN " + plain(USER, "x2"))).isEqualTo(FAILED);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(DELAY_MILLIS - 50);

            start = System.nanoTime();
            assertThat(client.command("AUTH PLAIN " + plain(USER, "x3"))).isEqualTo(FAILED);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(DELAY_MILLIS - 50);
            assertThat(client.reply()).isEqualTo("421 4.7.0 Too many authentication failures");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void commandsPipelinedBehindADelayedFailureWaitForIt() throws Exception {
        try (TestServer server = server(4); SmtpTestClient client = server.client().greet()) {
            client.command("AUTH PLAIN " + plain(USER, "x1"));
            client.sendRaw("AUTH PLAIN " + plain(USER, "x2") + "\r\nNOOP\r\nAUTH PLAIN " + plain(USER, PASSWORD) + "\r\n");
            assertThat(client.reply()).isEqualTo(FAILED);
            assertThat(client.reply()).startsWith("250 ");
            assertThat(client.reply()).isEqualTo("235 2.7.0 Authentication successful");
        }
    }

    @Test
    void aDelayedFailureDoesNotHoldUpOtherSessionsEvenWithOneWorker() throws Exception {
        try (TestServer server = server(1); SmtpTestClient slow = server.client().greet()) {
            slow.command("AUTH PLAIN " + plain(USER, "x1"));
            long start = System.nanoTime();
            slow.send("AUTH PLAIN " + plain(USER, "x2"));
            try (SmtpTestClient other = server.client()) {
                other.greet();
                assertThat(other.command("NOOP")).startsWith("250 ");
                long otherDone = millisSince(start);
                assertThat(slow.reply()).isEqualTo(FAILED);
                long slowDone = millisSince(start);
                assertThat(otherDone).isLessThan(DELAY_MILLIS / 2);
                assertThat(slowDone).isGreaterThanOrEqualTo(DELAY_MILLIS - 50);
            }
        }
    }

    @Test
    void tenFailuresFromOneAddressBanItButNotOthers() throws Exception {
        try (TestServer server = server(8)) {
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> sessions = new ArrayList<>();
                for (int failures : new int[] {3, 3, 3, 1}) {
                    sessions.add(clients.submit(() -> fail(server, "127.0.0.5", failures)));
                }
                for (Future<Integer> session : sessions) {
                    session.get(30, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            try (SmtpTestClient banned = SmtpTestClient.from("127.0.0.5", server.port()).greet()) {
                assertThat(banned.command("AUTH PLAIN " + plain(USER, PASSWORD)))
                        .isEqualTo("454 4.7.0 Temporary authentication failure, try again later");
            }
            try (SmtpTestClient other = SmtpTestClient.from("127.0.0.6", server.port()).greet()) {
                assertThat(other.command("AUTH PLAIN " + plain(USER, PASSWORD))).startsWith("235 ");
            }
        }
    }

    private static int fail(TestServer server, String from, int failures) throws Exception {
        try (SmtpTestClient client = SmtpTestClient.from(from, server.port()).greet()) {
            for (int i = 0; i < failures; i++) {
                assertThat(client.command("AUTH PLAIN " + plain(USER, "wrong"))).isEqualTo(FAILED);
            }
        }
        return failures;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}

package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.Authenticator;
import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.protocol.TestAuthenticator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Where a session's work runs: a handler that never blocks is called on the I/O thread that
 * read the command, any other on a worker; a password is never checked on an I/O thread, and
 * what the client sent behind the AUTH waits for its answer.
 */
class SessionThreadsTest {
    /** MINA names an I/O thread after its processor while the thread serves it. */
    private static final String IO_THREAD = ResidentNioProcessor.class.getSimpleName() + "-";
    private static final String WORKER = "inbound-worker-";

    @Test
    void aNonBlockingHandlerIsCalledOnTheIoThread() throws Exception {
        assertThat(hookThreads(true)).isNotEmpty().allMatch(name -> name.startsWith(IO_THREAD));
    }

    @Test
    void aHandlerThatMayBlockIsCalledOnAWorker() throws Exception {
        assertThat(hookThreads(false)).isNotEmpty().allMatch(name -> name.startsWith(WORKER));
    }

    @Test
    void passwordsAreCheckedOffTheIoThreadAndAnsweredInOrder() throws Exception {
        Set<String> checkedOn = ConcurrentHashMap.newKeySet();
        Authenticator recording = new Authenticator() {
            private final TestAuthenticator users = new TestAuthenticator(false);

            @Override
            public Optional<String> authenticate(Session session, String username, String password) throws Exception {
                checkedOn.add(Thread.currentThread().getName());
                Thread.sleep(200); // a slow hash: what came behind the AUTH must still wait for it
                return users.authenticate(session, username, password);
            }
        };
        try (TestServer server = new TestServer(b -> b.authenticator(recording).authRequireTls(false),
                new Recorder(true, ConcurrentHashMap.newKeySet()));
                SmtpTestClient client = server.client()) {
            client.greet();
            client.sendRaw("AUTH PLAIN " + TestAuthenticator.plain(TestAuthenticator.USER, TestAuthenticator.PASSWORD)
                    + "\r\nNOOP\r\nAUTH PLAIN " + TestAuthenticator.plain(TestAuthenticator.USER, "wrong") + "\r\n");
            List<String> replies = client.replies(3);
            assertThat(replies.get(0)).startsWith("235 ");
            assertThat(replies.get(1)).startsWith("250 ");
            assertThat(replies.get(2)).startsWith("503 "); // already authenticated: read after the 235, not before
            assertThat(checkedOn).singleElement().asString().startsWith(WORKER);
        }
    }

    private static Set<String> hookThreads(boolean nonBlocking) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (TestServer server = new TestServer(b -> b, new Recorder(nonBlocking, threads));
                SmtpTestClient client = server.client()) {
            client.greet();
            client.startData("a@example.org", "b@example.org");
            assertThat(client.endData("Subject: t\r\n\r\nhi\r\n")).startsWith("250 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        return threads;
    }

    /** Notes the thread of every hook it is asked. */
    private record Recorder(boolean nonBlocking, Set<String> threads) implements Handler {
        private Reply record() {
            threads.add(Thread.currentThread().getName());
            return null;
        }

        @Override
        public Reply onConnect(Session session) {
            return record();
        }

        @Override
        public Reply onEhlo(Session session, String hostname) {
            return record();
        }

        @Override
        public Reply onMail(Session session, Envelope envelope, String address, List<String> options) {
            return record();
        }

        @Override
        public Reply onRcpt(Session session, Envelope envelope, String address, List<String> options) {
            return record();
        }

        @Override
        public Reply onData(Session session, Envelope envelope) {
            return record();
        }

        @Override
        public Reply onQuit(Session session) {
            return record();
        }
    }
}

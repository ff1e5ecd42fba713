package dev.inbound.smtp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link ResidentNioProcessor} behind a line-echo server: what it skips (restarts, wake-ups of
 * itself, reads that find nothing) must cost no reply, no read and no prompt shutdown. MINA's
 * loop waits up to a second in {@code select} when nothing wakes it, so each broken wake-up
 * would show as about a second per round trip; the bounds below are far from both.
 */
class ResidentNioProcessorTest {
    private final AtomicInteger loopStarts = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final SimpleIoProcessorPool<NioSession> pool = new SimpleIoProcessorPool<>(ResidentNioProcessor.class,
            task -> {
                loopStarts.incrementAndGet();
                threads.execute(task);
            }, 1, null);
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor(pool);
    /** The session that a "pause" line paused, for a "resume" line from another session. */
    private final AtomicReference<IoSession> paused = new AtomicReference<>();

    @AfterEach
    void stop() {
        acceptor.dispose(true);
        pool.dispose();
        threads.shutdownNow();
    }

    /** Echoes each line; "pause" pauses reading from the sender, "resume" resumes the paused one. */
    private int serve() throws IOException {
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                session.setAttribute(StringBuilder.class, new StringBuilder());
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer in = (IoBuffer) message;
                StringBuilder line = (StringBuilder) session.getAttribute(StringBuilder.class);
                while (in.hasRemaining()) {
                    char c = (char) in.get();
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    String text = line.toString();
                    line.setLength(0);
                    if (text.equals("pause")) {
                        paused.set(session);
                        session.suspendRead();
                    } else if (text.equals("resume")) {
                        paused.get().resumeRead();
                    }
                    session.write(IoBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
            }
        });
        acceptor.bind(new InetSocketAddress("127.0.0.1", 0));
        return acceptor.getLocalAddress().getPort();
    }

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String roundTrip(String line) throws IOException {
            send(line);
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void repliesWrittenOnTheLoopGoOutInTheSameTurn() throws Exception {
        int port = serve();
        try (Client client = new Client(port)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 20; i++) {
                    assertThat(client.roundTrip("line " + i)).isEqualTo("line " + i);
                }
            }, "20 round trips; a reply left for the next select would take a second each");
        }
    }

    /** Pausing and resuming reads from the loop thread needs no wake-up: the next select applies them. */
    @Test
    void aReadResumedFromTheLoopIsReadWithoutWaitingForTheSelector() throws Exception {
        int port = serve();
        try (Client a = new Client(port); Client b = new Client(port)) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                for (int i = 0; i < 5; i++) {
                    assertThat(a.roundTrip("pause")).isEqualTo("pause");
                    a.send("held " + i);
                    assertThat(b.roundTrip("resume")).isEqualTo("resume");
                    assertThat(a.in.readLine()).isEqualTo("held " + i);
                }
            }, "5 resumes from the loop thread; one left for the next select would take a second each");
        }
    }

    /** A line longer than one read: what a read leaves for the next turn is read then, in order. */
    @Test
    void dataBeyondOneReadArrivesWhole() throws Exception {
        int port = serve();
        String big = "x".repeat(300_000);
        try (Client client = new Client(port)) {
            assertThat(client.roundTrip(big)).isEqualTo(big);
            assertThat(client.roundTrip("after")).isEqualTo("after");
        }
    }

    /**
     * MINA would end the loop a select timeout (1 s) after the last session left, and start
     * it again for the next; this one keeps it. The wait is for that timeout to pass: nothing
     * happens to wait for.
     */
    @Test
    void theLoopOutlivesItsLastSessionAndEndsOnDispose() throws Exception {
        int port = serve();
        try (Client client = new Client(port)) {
            assertThat(client.roundTrip("one")).isEqualTo("one");
        }
        TimeUnit.MILLISECONDS.sleep(2500);
        try (Client client = new Client(port)) {
            assertThat(client.roundTrip("two")).isEqualTo("two");
        }
        assertThat(loopStarts).hasValue(1);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            acceptor.dispose(true);
            pool.dispose();
        }, "disposing ends the loop");
        threads.shutdown();
        assertThat(threads.awaitTermination(5, TimeUnit.SECONDS)).as("the loop's thread is done").isTrue();
    }
}

package dev.inbound.it.process;

import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SMTP session that sends message after message until the server turns it away, and
 * records what the client was told about each: 250, a refusal, or nothing (the connection
 * broke after the end of data went out, so the client cannot know). Content goes out in
 * 64 KiB writes, so a large message is still in transfer for a while.
 */
final class ContinuousSender implements Callable<Void> {
    /** What the client knows about a message it sent. */
    enum Outcome {
        /** 250 after the end of data: the server has it. */
        ACCEPTED,
        /** A reply other than 250, or the connection broke before the end of data went out. */
        REFUSED,
        /** The end of data went out, then the connection broke before a reply. */
        UNKNOWN
    }

    private final int port;
    private final String name;
    private final Map<String, TestMail> sent;
    private final Map<String, Outcome> outcomes;
    private final AtomicInteger accepted;
    private final AtomicInteger acceptedAfterStop;
    private volatile boolean stopping;

    /**
     * A sender named {@code name} (its messages' ids start with it) to 127.0.0.1:{@code port}; it
     * puts every message in {@code sent} before sending and its outcome in {@code outcomes}, and
     * counts 250s in {@code accepted}, and in {@code acceptedAfterStop} those after {@link #serverStopping()}.
     */
    ContinuousSender(int port, String name, Map<String, TestMail> sent, Map<String, Outcome> outcomes,
            AtomicInteger accepted, AtomicInteger acceptedAfterStop) {
        this.port = port;
        this.name = name;
        this.sent = sent;
        this.outcomes = outcomes;
        this.accepted = accepted;
        this.acceptedAfterStop = acceptedAfterStop;
    }

    /** The test has sent SIGTERM: 250s from now on count as messages that were in flight then. */
    void serverStopping() {
        stopping = true;
    }

    @Override
    public Void call() throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            client.greet();
            for (int n = 0; ; n++) {
                // Every fourth message is 1 MB, so that some are mid-transfer when SIGTERM comes.
                TestMail mail = TestMail.of(name + "-" + n, n % 4 == 3 ? 1 << 20 : 2_000);
                sent.put(mail.id(), mail);
                Outcome outcome = send(client, mail);
                outcomes.put(mail.id(), outcome);
                if (outcome != Outcome.ACCEPTED) {
                    return null; // the server is going away; this session is over
                }
                accepted.incrementAndGet();
                if (stopping) {
                    acceptedAfterStop.incrementAndGet();
                }
            }
        }
    }

    private static Outcome send(SmtpTestClient client, TestMail mail) {
        boolean endOfDataSent = false;
        try {
            if (!client.command("MAIL FROM:<" + TestMail.FROM + ">").startsWith("250")
                    || !client.command("RCPT TO:<" + TestMail.TO + ">").startsWith("250")
                    || !client.command("DATA").startsWith("354")) {
                return Outcome.REFUSED;
            }
            OutputStream out = client.outputStream();
            byte[] content = mail.bytes();
            for (int at = 0; at < content.length; at += 65_536) {
                out.write(content, at, Math.min(65_536, content.length - at));
            }
            out.write(".\r\n".getBytes());
            out.flush();
            endOfDataSent = true;
            return client.reply().startsWith("250 ") ? Outcome.ACCEPTED : Outcome.REFUSED;
        } catch (IOException broken) {
            return endOfDataSent ? Outcome.UNKNOWN : Outcome.REFUSED;
        }
    }
}

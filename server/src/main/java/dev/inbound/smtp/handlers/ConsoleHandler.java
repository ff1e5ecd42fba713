package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Envelope;
import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Prints every message to a stream, envelope first, as aiosmtpd's {@code Debugging} handler
 * does: for watching what an application sends while developing it.
 *
 * <pre>{@code
 * SmtpServer.builder().handler(new ConsoleHandler(System.out)).build().start();
 * }</pre>
 *
 * <p>Each message comes out as one block:
 * <pre>
 * ---------- MESSAGE FOLLOWS ----------
 * X-Peer: 127.0.0.1
 * X-MailFrom: a@example.com
 * X-RcptTo: b@example.com, c@example.com
 * X-MailOptions: SIZE=1024 BODY=8BITMIME
 * Received: ...
 * Subject: hi
 *
 * body
 * ------------ END MESSAGE ------------
 * </pre>
 */
public final class ConsoleHandler implements Handler {
    static final String BEGIN = "---------- MESSAGE FOLLOWS ----------";
    static final String END = "------------ END MESSAGE ------------";

    private final PrintStream out;

    public ConsoleHandler(PrintStream out) {
        this.out = Objects.requireNonNull(out);
    }

    @Override
    public Reply onData(Session session, Envelope envelope) throws Exception {
        try (InputStream in = envelope.content().openStream()) {
            // One lock over the whole block, so messages of concurrent sessions do not interleave.
            synchronized (out) {
                out.println(BEGIN);
                out.println("X-Peer: " + session.peer().getAddress().getHostAddress());
                out.println("X-MailFrom: " + envelope.mailFrom());
                out.println("X-RcptTo: " + String.join(", ", envelope.rcptTos()));
                if (!envelope.mailOptions().isEmpty()) {
                    out.println("X-MailOptions: " + String.join(" ", envelope.mailOptions()));
                }
                if (!copyEndsInNewline(in)) {
                    out.println(); // BDAT content need not end in CRLF; the separator gets its own line anyway
                }
                out.println(END);
                out.flush();
            }
        }
        return null;
    }

    private boolean copyEndsInNewline(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int last = '\n';
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            last = buffer[n - 1];
        }
        return last == '\n';
    }
}

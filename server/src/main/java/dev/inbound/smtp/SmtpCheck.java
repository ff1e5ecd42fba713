package dev.inbound.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A health check as a client sees the server: one SMTP (or LMTP) session that expects the 220
 * greeting and a 250 to EHLO (or LHLO), then says QUIT, all within a deadline. {@code inbound
 * health} and the WAR's {@code /health} both ask it.
 *
 * <pre>{@code
 * Optional<String> problem = SmtpCheck.problem(new InetSocketAddress("127.0.0.1", 2525), false, Duration.ofSeconds(2));
 * }</pre>
 */
public final class SmtpCheck {
    private static final String CLIENT_NAME = "inbound-health";

    private SmtpCheck() {
    }

    /** Empty when the server at {@code target} answered as a healthy one does, else the reason it did not. */
    public static Optional<String> problem(InetSocketAddress target, boolean lmtp, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(target, remainingMillis(deadline));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, socket, deadline, "220", "greeting");
            String hello = (lmtp ? "LHLO " : "EHLO ") + CLIENT_NAME;
            out.write((hello + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, socket, deadline, "250", hello);
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.of("no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (Unhealthy e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Reads one reply, continuation lines included, and checks its code. */
    private static void expect(BufferedReader in, Socket socket, long deadline, String code, String after)
            throws IOException, Unhealthy {
        String line;
        do {
            socket.setSoTimeout(remainingMillis(deadline));
            line = in.readLine();
            if (line == null) {
                throw new Unhealthy("connection closed before the reply to " + after);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new Unhealthy("expected " + code + " to " + after + ", got: " + line);
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    /** A reply that is not what a healthy server sends; its message is the reason. */
    private static final class Unhealthy extends Exception {
        Unhealthy(String reason) {
            super(reason, null, false, false);
        }
    }
}

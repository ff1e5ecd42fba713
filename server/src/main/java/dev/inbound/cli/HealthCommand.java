package dev.inbound.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code inbound health}: opens an SMTP (or LMTP) session to a running server, expects the
 * 220 greeting and a 250 to EHLO (or LHLO), says QUIT, and exits 0; anything else exits 1 with
 * one line on standard error. It is the Docker image's {@code HEALTHCHECK}, so it needs nothing
 * but the JDK: no curl, no shell.
 *
 * <pre>{@code
 * inbound health                       # INBOUND_LISTEN's port, or localhost:8025
 * inbound health --lmtp                # INBOUND_LMTP's port, or localhost:24, with LHLO
 * inbound health --host mx.example --port 25 --timeout 3
 * }</pre>
 *
 * <p>Without {@code --host} and {@code --port} it checks where the server in the same
 * environment listens, a wildcard address (0.0.0.0, ::) meaning loopback.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Checks that a server answers: 220 greeting, 250 to EHLO (or LHLO). Exit 0 if so, else 1.")
final class HealthCommand implements Callable<Integer> {
    private static final String CLIENT_NAME = "inbound-health";

    @Option(names = "--host", description = "Server to check (default: the host of INBOUND_LISTEN, or localhost).")
    private String host;

    @Option(names = "--port", description = "Port to check (default: the port of INBOUND_LISTEN, or 8025).")
    private Integer port;

    @Option(names = "--lmtp", description = "Speak LMTP (LHLO); defaults then come from INBOUND_LMTP, or localhost:24.")
    private boolean lmtp;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "Give up after this long, connection included (default ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    private final Map<String, String> environment;
    private final PrintStream err;

    HealthCommand(Map<String, String> environment, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.err = Objects.requireNonNull(err);
    }

    @Override
    public Integer call() {
        InetSocketAddress target = target();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
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
            return 0;
        } catch (SocketTimeoutException e) {
            return unhealthy(target, "no answer within " + timeoutSeconds + " s");
        } catch (IOException e) {
            return unhealthy(target, e.getMessage());
        } catch (Unhealthy e) {
            return unhealthy(target, e.getMessage());
        }
    }

    private int unhealthy(InetSocketAddress target, String reason) {
        err.println("inbound health: " + target.getHostString() + ":" + target.getPort() + ": " + reason);
        return 1;
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

    /** Where to check: the options, else where this environment's server listens. */
    private InetSocketAddress target() {
        String variable = lmtp ? "INBOUND_LMTP" : "INBOUND_LISTEN";
        String configured = environment.get(variable);
        ListenAddress listening = configured == null || configured.isBlank()
                ? new ListenAddress(null, null) : ListenAddress.parse(configured.trim());
        String chosenHost = host != null ? host : loopbackFor(listening.host());
        int chosenPort = port != null ? port
                : Objects.requireNonNullElse(listening.port(), lmtp ? 24 : 8025);
        return new InetSocketAddress(chosenHost, chosenPort);
    }

    /** A server bound to every address is reachable on loopback; checking there needs no DNS. */
    private static String loopbackFor(String listenHost) {
        if (listenHost == null || listenHost.equals("0.0.0.0")) {
            return listenHost == null ? "localhost" : "127.0.0.1";
        }
        return listenHost.equals("::") || listenHost.equals("0:0:0:0:0:0:0:0") ? "::1" : listenHost;
    }

    /** A reply that is not what a healthy server sends; its message is the reason. */
    private static final class Unhealthy extends Exception {
        Unhealthy(String reason) {
            super(reason, null, false, false);
        }
    }
}

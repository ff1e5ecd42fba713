package dev.inbound.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * A raw SMTP client for transcript tests: sends exact bytes, reads whole replies (multi-line
 * included). Reads time out after 10 s, so a missing reply fails the test instead of hanging it.
 */
public final class SmtpTestClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public SmtpTestClient(int port) throws IOException {
        this("127.0.0.1", port);
    }

    public SmtpTestClient(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    /** Connects to 127.0.0.1 from {@code sourceAddress}, another loopback address such as 127.0.0.2. */
    public static SmtpTestClient from(String sourceAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(sourceAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new SmtpTestClient(socket);
    }

    private SmtpTestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends bytes as they are, ISO-8859-1 for chars 0-255 (so "\0" and "\r" go out unchanged). */
    public SmtpTestClient sendRaw(String data) throws IOException {
        out.write(data.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public SmtpTestClient sendBytes(byte[] data) throws IOException {
        out.write(data);
        out.flush();
        return this;
    }

    /** Sends a command line with CRLF, in UTF-8. */
    public SmtpTestClient send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Sends a command and returns its whole reply. */
    public String command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Reads one whole reply; its lines joined by "\n", without the final line ending. */
    public String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("Connection closed after " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return String.join("\n", lines);
            }
        }
    }

    /** The reply code of the next reply. */
    public int code() throws IOException {
        return Integer.parseInt(reply().substring(0, 3));
    }

    /** True when the server has closed the connection (reads EOF within the timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /**
     * MAIL FROM {@code from}, RCPT TO {@code to}, DATA, each of which must be accepted; what is
     * sent next is the message.
     */
    public SmtpTestClient startData(String from, String to) throws IOException {
        expectPositive(command("MAIL FROM:<" + from + ">"));
        expectPositive(command("RCPT TO:<" + to + ">"));
        expectPositive(command("DATA"));
        return this;
    }

    /** The usual test envelope, a@example.com to b@example.com, up to the 354. */
    public SmtpTestClient startData() throws IOException {
        return startData("a@example.com", "b@example.com");
    }

    /** Sends {@code content} (already dot-stuffed, ending in CRLF) and the end of data; returns the reply. */
    public String endData(String content) throws IOException {
        return sendRaw(content + ".\r\n").reply();
    }

    private static void expectPositive(String reply) throws IOException {
        if (reply.charAt(0) != '2' && reply.charAt(0) != '3') {
            throw new IOException("Refused: " + reply);
        }
    }

    /** EHLO after the greeting, as most tests begin. */
    public SmtpTestClient greet() throws IOException {
        return greetWith("EHLO");
    }

    /** LHLO after the greeting, as LMTP tests begin. */
    public SmtpTestClient greetLmtp() throws IOException {
        return greetWith("LHLO");
    }

    private SmtpTestClient greetWith(String verb) throws IOException {
        String greeting = reply();
        if (!greeting.startsWith("220")) {
            throw new IOException("No greeting: " + greeting);
        }
        String reply = command(verb + " client.example");
        if (!reply.startsWith("250")) {
            throw new IOException(verb + " refused: " + reply);
        }
        return this;
    }

    /** The next {@code count} replies, as {@link #reply()} reads them. */
    public List<String> replies(int count) throws IOException {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(reply());
        }
        return replies;
    }

    /**
     * Connects to the implicit TLS port {@code port} of 127.0.0.1, trusting any certificate
     * (the test servers' are self-signed).
     */
    public static SmtpTestClient tls(int port) throws IOException {
        SSLSocket socket = (SSLSocket) TrustingTls.context().getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new SmtpTestClient(socket);
    }

    /**
     * As {@link #tls(int)}, with {@code header} (a PROXY protocol header) sent first, in the
     * same write as the TLS ClientHello: one TCP segment carries both.
     */
    public static SmtpTestClient tls(byte[] header, int port) throws IOException {
        Socket tcp = new HeaderFirstSocket(header);
        tcp.setTcpNoDelay(true);
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        SSLSocket socket = (SSLSocket) TrustingTls.context().getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
        socket.startHandshake();
        return new SmtpTestClient(socket);
    }

    /** A socket that puts {@code header} in front of the first bytes written to it. */
    private static final class HeaderFirstSocket extends Socket {
        private final byte[] header;

        HeaderFirstSocket(byte[] header) {
            this.header = header;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return new FilterOutputStream(super.getOutputStream()) {
                private boolean sent;

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    if (sent) {
                        out.write(bytes, offset, length);
                        return;
                    }
                    sent = true;
                    ByteArrayOutputStream both = new ByteArrayOutputStream();
                    both.writeBytes(header);
                    both.write(bytes, offset, length);
                    out.write(both.toByteArray());
                }
            };
        }
    }

    /** A client over a socket the test has connected itself. */
    public static SmtpTestClient over(Socket socket) throws IOException {
        return new SmtpTestClient(socket);
    }

    /** Turns the connection into TLS, after the server's 220 to STARTTLS; trusts any certificate. */
    public SSLSocket upgradeToTls() throws IOException {
        SSLSocket tls = (SSLSocket) TrustingTls.context().getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        in = tls.getInputStream();
        out = tls.getOutputStream();
        return tls;
    }

    /** The socket, for tests that look at the TLS session. */
    public Socket socket() {
        return socket;
    }

    /** The socket's stream, for tests that stream large content themselves. */
    public OutputStream outputStream() {
        return out;
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

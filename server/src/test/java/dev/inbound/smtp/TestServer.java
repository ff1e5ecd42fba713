package dev.inbound.smtp;

import dev.inbound.smtp.handlers.CollectorHandler;
import java.util.function.UnaryOperator;

/** A server with a collector on a free port, for one test class; built per test with tweaks. */
public final class TestServer implements AutoCloseable {
    public final CollectorHandler collector = new CollectorHandler();
    public final SmtpServer server;

    public TestServer() throws java.io.IOException {
        this(b -> b);
    }

    public TestServer(UnaryOperator<SmtpServer.Builder> settings) throws java.io.IOException {
        this(settings, null);
    }

    public TestServer(UnaryOperator<SmtpServer.Builder> settings, Handler handler) throws java.io.IOException {
        SmtpServer.Builder builder = SmtpServer.builder().bind("127.0.0.1").port(0).hostname("inbound.test")
                .handler(handler != null ? Handlers.all(handler, collector) : collector);
        server = settings.apply(builder).build();
        server.start();
    }

    /** A server with a self-signed certificate: STARTTLS on {@link #port()}, implicit TLS on {@link #implicitTlsPort()}. */
    public static TestServer withTls() throws java.io.IOException {
        return new TestServer(b -> b.tls(TlsSettings.selfSigned()).implicitTlsPort(0));
    }

    public int port() {
        return server.port();
    }

    public int implicitTlsPort() {
        return server.implicitTlsPort();
    }

    /** The LMTP port, for a server built with {@code lmtp("127.0.0.1", 0)}. */
    public int lmtpPort() {
        return server.port(Listener.Kind.LMTP);
    }

    public SmtpTestClient lmtpClient() throws java.io.IOException {
        return new SmtpTestClient(lmtpPort());
    }

    public SmtpTestClient client() throws java.io.IOException {
        return new SmtpTestClient(port());
    }

    @Override
    public void close() {
        server.stop();
    }
}

package dev.inbound.smtp.config;

import dev.inbound.smtp.Handler;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.SmtpServer;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server made by {@link ServerConfiguration#build}, with the handlers made for it, which it
 * closes (a broker connection, say) once the server has stopped.
 *
 * <pre>{@code
 * try (ConfiguredServer inbound = ServerConfiguration.builder().environment(System.getenv()).read().build()) {
 *     inbound.start();
 *     System.out.println("listening " + inbound.listening() + " with handler " + inbound.handlerName());
 * }
 * }</pre>
 */
public final class ConfiguredServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredServer.class);
    private static final Map<Listener.Kind, String> KIND_NAMES = Map.of(Listener.Kind.SMTP, "SMTP",
            Listener.Kind.SMTPS, "implicit TLS", Listener.Kind.LMTP, "LMTP");

    private final SmtpServer server;
    private final List<Handler> handlers;
    private final String handlerName;
    private final AtomicBoolean closed = new AtomicBoolean();

    ConfiguredServer(SmtpServer server, List<Handler> handlers, String handlerName) {
        this.server = server;
        this.handlers = List.copyOf(handlers);
        this.handlerName = handlerName;
    }

    /** Binds the ports; returns when clients can connect. On failure the handlers are closed again. */
    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The server, for its ports and settings. */
    public SmtpServer server() {
        return server;
    }

    /** The handlers made, in the order they are asked: where a host finds one it serves (the store of an HTTP API). */
    public List<Handler> handlers() {
        return handlers;
    }

    /** The handler's name, such as {@code jms}, or the handlers' names, comma-separated. */
    public String handlerName() {
        return handlerName;
    }

    /** Where the started server listens, for people: {@code on 127.0.0.1:2525, LMTP on 127.0.0.1:2400}. */
    public String listening() {
        StringBuilder text = new StringBuilder();
        Map<Listener.Kind, Iterator<Integer>> ports = new EnumMap<>(Listener.Kind.class);
        for (Listener listener : server.settings().listeners()) {
            int port = ports.computeIfAbsent(listener.kind(), kind -> server.ports(kind).iterator()).next();
            if (!text.isEmpty()) {
                text.append(", ");
            }
            if (listener.kind() != Listener.Kind.SMTP) {
                // "listening for LMTP on ..." when there is no SMTP listener to come first
                text.append(text.isEmpty() ? "for " : "").append(KIND_NAMES.get(listener.kind())).append(' ');
            }
            text.append("on ").append(forDisplay(listener.host())).append(':').append(port);
        }
        return text.toString();
    }

    /** {@code ::1} as {@code [::1]}, so that the port after it reads as one. */
    public static String forDisplay(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Stops the server gracefully, then closes the handlers; once, whoever calls first. */
    @Override
    public void close() {
        server.stop();
        if (closed.compareAndSet(false, true)) {
            close(handlers);
        }
    }

    static void close(List<Handler> handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing handler {} failed", handler, e);
                }
            }
        }
    }
}

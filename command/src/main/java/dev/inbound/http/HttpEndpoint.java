package dev.inbound.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of Inbound (the JDK's {@code com.sun.net.httpserver}): binds one address and
 * serves the routes added to it, the message API and whatever else (metrics, probes).
 *
 * <p>With {@link #basicAuth}, every route added with {@link #route} asks for HTTP basic
 * authentication; routes added with {@link #openRoute} never do, for health probes that
 * cannot log in.
 *
 * <pre>{@code
 * HttpEndpoint http = new HttpEndpoint("127.0.0.1", 8080);
 * http.route("/api/", new MessagesApi(store));
 * http.openRoute("/livez", exchange -> { ... });
 * http.start();
 * int port = http.port();
 * ...
 * http.stop();
 * }</pre>
 */
public final class HttpEndpoint {
    /** Threads that serve requests; a waiting {@code /api/messages/wait} holds none of them. */
    static final int THREADS = 4;
    /**
     * How long {@link #stop()} lets requests in progress finish. Before Java 22 the JDK's server
     * waits this long even when no request is in progress (JDK-8304065), so it is short.
     */
    private static final int STOP_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

    private final String host;
    private final int port;
    /** Created unbound, so that routes can be added before {@link #start()}. */
    private final HttpServer server;
    private ExecutorService executor;
    private boolean stopped;
    private Authenticator authenticator;

    /** An endpoint for {@code host:port}, not yet bound; port 0 takes a free port. */
    public HttpEndpoint(String host, int port) {
        this.host = Objects.requireNonNull(host);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("No such port: " + port);
        }
        this.port = port;
        try {
            server = HttpServer.create();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // creating an unbound server does no I/O
        }
    }

    /**
     * Asks for HTTP basic authentication on the routes added with {@link #route} after this
     * call; {@code check} gets the user name and password.
     */
    public synchronized HttpEndpoint basicAuth(BiPredicate<String, String> check) {
        Objects.requireNonNull(check);
        authenticator = new BasicAuthenticator("inbound") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return check.test(user, password);
            }
        };
        return this;
    }

    /**
     * Serves {@code path} and everything under it with {@code handler}, behind basic
     * authentication when it is on. Routes may be added before or after {@link #start()}.
     */
    public synchronized HttpEndpoint route(String path, HttpHandler handler) {
        return add(path, handler, authenticator);
    }

    /** As {@link #route}, never asking for authentication: for {@code /livez} and {@code /readyz}. */
    public synchronized HttpEndpoint openRoute(String path, HttpHandler handler) {
        return add(path, handler, null);
    }

    private HttpEndpoint add(String path, HttpHandler handler, Authenticator auth) {
        HttpContext context = server.createContext(path, handler);
        if (auth != null) {
            context.setAuthenticator(auth);
        }
        return this;
    }

    /** Binds the address and serves requests; once only. */
    public synchronized void start() throws IOException {
        if (stopped) {
            throw new IllegalStateException("A stopped HTTP endpoint does not start again");
        }
        if (executor == null) {
            server.bind(new InetSocketAddress(host, port), 0);
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(THREADS, task -> {
                Thread thread = new Thread(task, "inbound-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.start();
            LOG.debug("HTTP on {}:{}", host, port());
        }
    }

    /** The port bound, the one chosen when 0 was given. */
    public synchronized int port() {
        if (executor == null) {
            throw new IllegalStateException("The HTTP endpoint has not started");
        }
        return server.getAddress().getPort();
    }

    /** The host given. */
    public String host() {
        return host;
    }

    /** Stops taking connections, lets requests in progress finish for up to a second, then closes. */
    public synchronized void stop() {
        if (executor == null && !stopped) {
            // Never started (or its bind failed): HttpServer.create() already opened a channel,
            // a selector and a timer thread, which only stop() gives back.
            server.stop(0);
        } else if (executor != null && !stopped) {
            server.stop(STOP_SECONDS);
            executor.shutdown();
            try {
                executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped = true;
    }
}

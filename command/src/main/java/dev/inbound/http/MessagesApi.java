package dev.inbound.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.inbound.store.MessageStore;
import dev.inbound.store.StoredMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message API over a {@link MessageStore}, mounted at {@value #PATH}: list, read, wait for
 * and delete received messages. {@code openapi.yaml} next to this class documents it, and is
 * served at {@code /api/openapi.yaml}.
 *
 * <pre>{@code
 * HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
 * http.route(MessagesApi.PATH, new MessagesApi(store));
 * http.start();
 * }</pre>
 */
public final class MessagesApi implements HttpHandler {
    /** Where the API is mounted. */
    public static final String PATH = "/api/";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_WAIT_SECONDS = 30;
    /** Waits open at once; the next one is answered 503. */
    static final int MAX_WAITS = 1000;

    /** A waiting request holds a connection (not a thread); this bounds how long. */
    static final int MAX_WAIT_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(MessagesApi.class);
    private static final Pattern MESSAGE = Pattern.compile("/api/messages/([0-9]+)(/raw|/attachments/([0-9]+))?");
    private static final String JSON = "application/json";

    private final MessageStore store;
    private final ObjectMapper json = new ObjectMapper();

    public MessagesApi(MessageStore store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (BadRequest e) {
            respond(exchange, 400, new MessageJson.Error(e.getMessage()));
        } catch (MessagingException | RuntimeException e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respond(exchange, 500, new MessageJson.Error("Internal error: " + e));
        }
    }

    private void route(HttpExchange exchange) throws IOException, MessagingException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/api/messages")) {
            if (method.equals("GET")) {
                respond(exchange, 200, MessageJson.Listing.of(store.matching(filter(query)), limit(query)));
            } else if (method.equals("DELETE")) {
                store.clear();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else {
                notAllowed(exchange, "GET, DELETE");
            }
            return;
        }
        if (!method.equals("GET")) {
            notAllowed(exchange, "GET");
            return;
        }
        if (path.equals("/api/openapi.yaml")) {
            try (InputStream in = MessagesApi.class.getResourceAsStream("openapi.yaml")) {
                send(exchange, 200, "application/yaml", in.readAllBytes());
            }
            return;
        }
        if (path.equals("/api/messages/wait")) {
            await(exchange, query);
            return;
        }
        Matcher matcher = MESSAGE.matcher(path);
        Optional<StoredMessage> found = matcher.matches() ? store.get(matcher.group(1)) : Optional.empty();
        if (found.isEmpty()) {
            respond(exchange, 404, new MessageJson.Error(matcher.matches() ? "No message " + matcher.group(1)
                    : "No such resource: " + path));
            return;
        }
        StoredMessage message = found.get();
        if (matcher.group(2) == null) {
            respond(exchange, 200, MessageJson.Detail.of(message));
        } else if (matcher.group(3) == null) {
            send(exchange, 200, "message/rfc822", message.raw());
        } else {
            attachment(exchange, message, matcher.group(3));
        }
    }

    private void attachment(HttpExchange exchange, StoredMessage message, String index)
            throws IOException, MessagingException {
        List<Part> attachments = MimeParts.of(message.mimeMessage()).attachments();
        int n = index.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(index);
        if (n >= attachments.size()) {
            respond(exchange, 404, new MessageJson.Error("Message " + message.id() + " has " + attachments.size()
                    + " attachments, numbered from 0; no " + index));
            return;
        }
        Part part = attachments.get(n);
        String filename = MessageJson.filename(part);
        if (filename != null) {
            exchange.getResponseHeaders().set("Content-Disposition", contentDisposition(filename));
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        send(exchange, 200, MessageJson.baseType(part), bytes);
    }

    /** {@code attachment} with the name as ASCII (others replaced) and, exactly, as RFC 8187 UTF-8. */
    private static String contentDisposition(String filename) {
        String ascii = filename.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /**
     * Answers once {@code count} matching messages are there, or with those there are after
     * {@code timeout} seconds (504). No thread waits: the store completes the future when a
     * message arrives, and the answer is written on the server's executor.
     */
    private void await(HttpExchange exchange, Map<String, String> query) throws IOException {
        Predicate<StoredMessage> match = filter(query);
        int count = number(query, "count", 1, 1, MAX_LIMIT);
        int timeout = number(query, "timeout", DEFAULT_WAIT_SECONDS, 0, MAX_WAIT_SECONDS);
        int limit = limit(query);
        if (store.waiting() >= MAX_WAITS) {
            // Each open wait is tested against every new message; past this, a client must come back.
            exchange.getResponseHeaders().set("Retry-After", "1");
            respond(exchange, 503, new MessageJson.Error("Too many waits open (" + MAX_WAITS + "); try again"));
            return;
        }
        Executor executor = exchange.getHttpContext().getServer().getExecutor();
        store.whenMatching(match, count)
                .orTimeout(timeout, TimeUnit.SECONDS)
                .whenComplete((matching, failure) -> {
                    // Completed by the SMTP session that stored the message, or the timer: the
                    // answer goes to the HTTP threads, so that neither waits on this client.
                    try {
                        executor.execute(() -> answerWait(exchange, failure == null ? matching : store.matching(match),
                                failure == null ? 200 : 504, limit));
                    } catch (RejectedExecutionException stopped) {
                        exchange.close(); // the endpoint has stopped
                    }
                });
    }

    private void answerWait(HttpExchange exchange, List<StoredMessage> matching, int status, int limit) {
        try {
            respond(exchange, status, MessageJson.Listing.of(matching, limit));
        } catch (IOException e) {
            LOG.debug("wait: client gone before the answer: {}", e.toString());
        }
    }

    private static Predicate<StoredMessage> filter(Map<String, String> query) {
        try {
            return MessageFilter.of(query);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static int limit(Map<String, String> query) {
        return number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static int number(Map<String, String> query, String name, int otherwise, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(name + " must be a whole number from " + min + " to " + max + ": " + value);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (query.putIfAbsent(name, value) != null) {
                throw new BadRequest("Parameter " + name + " is given twice");
            }
        }
        return query;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Malformed percent-encoding in the query: " + encoded);
        }
    }

    private void notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        respond(exchange, 405, new MessageJson.Error(exchange.getRequestMethod() + " is not allowed here; use "
                + allowed));
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A parameter the client got wrong: 400 with the message. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}

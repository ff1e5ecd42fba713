package dev.inbound.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A client of the server's message API ({@code /api/messages}), as the container's methods use it. */
final class MessageApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Time allowed for an answer beyond what the server is asked to wait. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MessageApi(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    List<MessageSummary> list() {
        return summaries(json(get("/api/messages?limit=1000", SLACK), 200));
    }

    /** The messages to {@code to} once {@code count} are there; AssertionError when the timeout passes first. */
    List<MessageSummary> await(String to, int count, Duration timeout) {
        long seconds = Math.max(0, (timeout.toMillis() + 999) / 1000);
        HttpResponse<byte[]> answer = get("/api/messages/wait?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                + "&count=" + count + "&timeout=" + seconds + "&limit=1000", timeout.plus(SLACK));
        if (answer.statusCode() == 504) {
            List<MessageSummary> arrived = summaries(json(answer, 504));
            throw new AssertionError("expected " + count + " messages to " + to + " within " + timeout + ", "
                    + arrived.size() + " arrived: " + arrived);
        }
        return summaries(json(answer, 200));
    }

    void clear() {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(base.resolve("/api/messages")).DELETE(), SLACK);
        expect(answer, 204);
    }

    ReceivedMessage message(String id) {
        String path = "/api/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        JsonNode detail = json(get(path, SLACK), 200);
        HttpResponse<byte[]> raw = get(path + "/raw", SLACK);
        expect(raw, 200);
        JsonNode envelope = detail.path("envelope");
        List<String> attachments = new ArrayList<>();
        detail.path("attachments").forEach(a -> attachments.add(text(a.path("filename"))));
        return new ReceivedMessage(detail.path("id").asText(), Instant.parse(detail.path("received").asText()),
                envelope.path("mailFrom").asText(), strings(envelope.path("rcptTos")), detail.path("subject").asText(),
                text(detail.path("text")), text(detail.path("html")), java.util.Collections.unmodifiableList(attachments),
                raw.body());
    }

    private HttpResponse<byte[]> get(String pathAndQuery, Duration timeout) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET(), timeout);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the container's message API at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking the container's message API", e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> answer, int status) {
        expect(answer, status);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the message API answered no JSON", e);
        }
    }

    private static void expect(HttpResponse<byte[]> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.uri() + " answered "
                    + answer.statusCode() + ": " + new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    private static List<MessageSummary> summaries(JsonNode listing) {
        List<MessageSummary> summaries = new ArrayList<>();
        for (JsonNode m : listing.path("messages")) {
            summaries.add(new MessageSummary(m.path("id").asText(), Instant.parse(m.path("received").asText()),
                    m.path("mailFrom").asText(), strings(m.path("rcptTos")), text(m.path("from")),
                    strings(m.path("to")), m.path("subject").asText(), m.path("size").asLong()));
        }
        return List.copyOf(summaries);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}

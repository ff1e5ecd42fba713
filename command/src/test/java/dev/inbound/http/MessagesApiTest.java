package dev.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inbound.smtp.TestServer;
import dev.inbound.smtp.clients.ProcessRunner;
import dev.inbound.store.StoreHandler;
import dev.inbound.store.MessageStore;
import dev.inbound.store.StoredMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint of the message API, over real SMTP in and real HTTP out (the JDK's HttpClient, curl). */
class MessagesApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final MessageStore STORE = new MessageStore();
    private static TestServer smtp;
    private static HttpEndpoint http;

    @BeforeAll
    static void start() throws Exception {
        smtp = new TestServer(b -> b, new StoreHandler(STORE));
        http = new HttpEndpoint("127.0.0.1", 0).route(MessagesApi.PATH, new MessagesApi(STORE));
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop();
        smtp.close();
    }

    @BeforeEach
    void empty() {
        STORE.clear();
        smtp.collector.clear();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + http.port() + pathAndQuery);
    }

    private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static MimeMessage message(String from, String to, String subject) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        return message;
    }

    /** Sends a plain text message with Angus Mail and waits until the server has it. */
    private static StoredMessage send(String from, String to, String subject) throws Exception {
        MimeMessage message = message(from, to, subject);
        message.setText("Hello " + to + "\r\n", "UTF-8");
        return sendAndAwait(message);
    }

    private static StoredMessage sendAndAwait(MimeMessage message) throws Exception {
        int before = smtp.collector.messages().size();
        Transport.send(message);
        smtp.collector.awaitCount(before + 1, WAIT);
        return STORE.list().get(0);
    }

    /** Polls, with a deadline, until {@code count} requests wait in the store. */
    private static void awaitWaiters(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (STORE.waiting() < count) {
            assertThat(System.nanoTime()).as(count + " waiting requests in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static List<String> ids(JsonNode listing) {
        return listing.get("messages").findValuesAsText("id");
    }

    @Test
    void listsNewestFirstWithFiltersAndALimit() throws Exception {
        StoredMessage first = send("alice@example.com", "bob@example.net", "Invoice 1");
        StoredMessage second = send("carol@example.org", "Dave@Example.NET", "Hello");
        StoredMessage third = send("alice@example.com", "erin@other.test", "Second invoice");

        JsonNode all = json(get("/api/messages"));
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(ids(all)).containsExactly(third.id(), second.id(), first.id());
        JsonNode summary = all.get("messages").get(2);
        assertThat(summary.get("mailFrom").asText()).isEqualTo("alice@example.com");
        assertThat(summary.get("rcptTos").get(0).asText()).isEqualTo("bob@example.net");
        assertThat(summary.get("from").asText()).isEqualTo("alice@example.com");
        assertThat(summary.get("to").get(0).asText()).isEqualTo("bob@example.net");
        assertThat(summary.get("subject").asText()).isEqualTo("Invoice 1");
        assertThat(summary.get("size").asInt()).isEqualTo(first.size());
        assertThat(Instant.parse(summary.get("received").asText())).isEqualTo(first.received());

        assertThat(ids(json(get("/api/messages?to=dave@example.net")))).containsExactly(second.id());
        assertThat(ids(json(get("/api/messages?to=%40example.net")))).containsExactly(second.id(), first.id());
        assertThat(ids(json(get("/api/messages?from=ALICE@example.com")))).containsExactly(third.id(), first.id());
        assertThat(ids(json(get("/api/messages?subject=INVOICE&from=alice@example.com"))))
                .containsExactly(third.id(), first.id());
        assertThat(ids(json(get("/api/messages?since=" + second.received())))).containsExactly(third.id(), second.id());
        JsonNode limited = json(get("/api/messages?limit=1"));
        assertThat(limited.get("total").asInt()).isEqualTo(3);
        assertThat(ids(limited)).containsExactly(third.id());
    }

    @Test
    void refusesBadParametersWith400() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "since=yesterday", "to=a&to=b")) {
            HttpResponse<byte[]> response = get("/api/messages?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("error").asText()).as(query).isNotBlank();
        }
        // Sent as it is: HttpClient refuses to build such a URI.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", http.port())) {
            socket.getOutputStream().write("GET /api/messages?to=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 400 Bad Request");
        }
        assertThat(get("/api/messages/wait?timeout=301").statusCode()).isEqualTo(400);
        assertThat(get("/api/messages/wait?count=0").statusCode()).isEqualTo(400);
    }

    @Test
    void showsOneMessageWithEnvelopeDecodedHeadersBodiesAndAttachments() throws Exception {
        MimeMessage message = message("alice@example.com", "bob@example.net", "Grüße");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain café\r\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>HTML café</p>", "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        byte[] data = new byte[20_000];
        new Random(7).nextBytes(data);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(data, "application/pdf");
        attachment.setFileName("Bericht é.pdf");
        message.setContent(new MimeMultipart(body, attachment));
        StoredMessage stored = sendAndAwait(message);

        JsonNode detail = json(get("/api/messages/" + stored.id()));
        assertThat(detail.get("id").asText()).isEqualTo(stored.id());
        assertThat(detail.get("size").asInt()).isEqualTo(stored.size());
        JsonNode envelope = detail.get("envelope");
        assertThat(envelope.get("mailFrom").asText()).isEqualTo("alice@example.com");
        assertThat(envelope.get("rcptTos").get(0).asText()).isEqualTo("bob@example.net");
        assertThat(envelope.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(envelope.get("helo").asText()).isNotBlank();
        assertThat(envelope.get("tls").asBoolean()).isFalse();
        assertThat(detail.get("headers").get(0).get("name").asText()).isEqualTo("Received");
        assertThat(detail.get("headers").findValuesAsText("value")).contains("Grüße");
        assertThat(detail.get("subject").asText()).isEqualTo("Grüße");
        assertThat(detail.get("text").asText()).isEqualTo("Plain café\r\n");
        assertThat(detail.get("html").asText()).isEqualTo("<p>HTML café</p>");
        JsonNode listed = detail.get("attachments");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("index").asInt()).isZero();
        assertThat(listed.get(0).get("filename").asText()).isEqualTo("Bericht é.pdf");
        assertThat(listed.get(0).get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(listed.get(0).get("size").asInt()).isEqualTo(data.length);

        HttpResponse<byte[]> got = get("/api/messages/" + stored.id() + "/attachments/0");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(got.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Bericht _.pdf\"; filename*=UTF-8''Bericht%20%C3%A9.pdf");
        assertThat(got.body()).isEqualTo(data);
        assertThat(get("/api/messages/" + stored.id() + "/attachments/1").statusCode()).isEqualTo(404);
    }

    @Test
    void rawIsTheExactBytesReceivedHeaderIncluded() throws Exception {
        StoredMessage stored = send("alice@example.com", "bob@example.net", "raw");
        HttpResponse<byte[]> raw = get("/api/messages/" + stored.id() + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
        assertThat(raw.body()).isEqualTo(smtp.collector.messages().get(0).content());
        assertThat(new String(raw.body(), StandardCharsets.UTF_8)).startsWith("Received: from ");
    }

    @Test
    void unknownIdsAndPathsAre404AndWrongMethods405() throws Exception {
        HttpResponse<byte[]> missing = get("/api/messages/999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).contains("999999");
        assertThat(get("/api/messages/999999/raw").statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> post = HTTP.send(HttpRequest.newBuilder(uri("/api/messages"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, DELETE");
    }

    @Test
    void deleteEmptiesTheStore() throws Exception {
        send("alice@example.com", "bob@example.net", "one");
        HttpResponse<byte[]> deleted = HTTP.send(HttpRequest.newBuilder(uri("/api/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(STORE.list()).isEmpty();
        assertThat(json(get("/api/messages")).get("total").asInt()).isZero();
    }

    @Test
    void waitAnswersAtOnceWhenTheMessagesAreAlreadyThere() throws Exception {
        StoredMessage stored = send("alice@example.com", "bob@example.net", "early");
        HttpResponse<byte[]> response = get("/api/messages/wait?to=bob@example.net&count=1&timeout=5");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ids(json(response))).containsExactly(stored.id());
    }

    @Test
    void waitAnswersWhenTheLastMessageArrivesWhileItWaits() throws Exception {
        StoredMessage before = send("alice@example.com", "bob@example.net", "before");
        CompletableFuture<HttpResponse<byte[]>> waiting = HTTP.sendAsync(
                HttpRequest.newBuilder(uri("/api/messages/wait?to=bob@example.net&count=2&timeout=60")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        awaitWaiters(1); // the request is in, and waiting
        send("alice@example.com", "carol@example.net", "someone else");
        assertThat(get("/api/messages").statusCode()).isEqualTo(200);
        assertThat(waiting).isNotDone();
        assertThat(STORE.waiting()).isEqualTo(1);

        StoredMessage last = send("alice@example.com", "bob@example.net", "the one awaited");
        HttpResponse<byte[]> response = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode listing = json(response);
        assertThat(listing.get("total").asInt()).isEqualTo(2);
        assertThat(ids(listing)).containsExactly(last.id(), before.id());
    }

    @Test
    void waitAnswers504WithWhatThereIsAtTheTimeout() throws Exception {
        StoredMessage one = send("alice@example.com", "bob@example.net", "only one");
        long began = System.nanoTime();
        HttpResponse<byte[]> response = get("/api/messages/wait?to=bob@example.net&count=2&timeout=1");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(ids(json(response))).containsExactly(one.id());
    }

    @Test
    void waitingRequestsHoldNoServerThread() throws Exception {
        List<CompletableFuture<HttpResponse<byte[]>>> waiting = new java.util.ArrayList<>();
        for (int i = 0; i < HttpEndpoint.THREADS * 3; i++) {
            waiting.add(HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/messages/wait?subject=go&timeout=60")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        awaitWaiters(waiting.size());
        // More waits than threads, and the server still answers.
        assertThat(get("/api/messages").statusCode()).isEqualTo(200);
        send("alice@example.com", "bob@example.net", "go");
        for (CompletableFuture<HttpResponse<byte[]>> wait : waiting) {
            assertThat(wait.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aWaitCutOffByStopDoesNotFailTheDeliveryThatWouldHaveAnsweredIt() throws Exception {
        HttpEndpoint stopping = new HttpEndpoint("127.0.0.1", 0).route(MessagesApi.PATH, new MessagesApi(STORE));
        stopping.start();
        CompletableFuture<HttpResponse<byte[]>> waiting = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + stopping.port() + "/api/messages/wait?subject=late&timeout=60")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        awaitWaiters(1);
        stopping.stop();

        // Transport.send throws unless the server answers 250.
        StoredMessage late = send("alice@example.com", "bob@example.net", "late");
        assertThat(late.envelope().rcptTos()).containsExactly("bob@example.net");
        assertThat(waiting).failsWithin(WAIT);
        assertThat(STORE.waiting()).isZero();
    }

    @Test
    void servesItsOpenApiDescription() throws Exception {
        HttpResponse<byte[]> response = get("/api/openapi.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("openapi: 3")
                .contains("/api/messages/wait:", "/api/messages/{id}/attachments/{n}:");
    }

    @Test
    void curlListsReadsTheRawMessageAndDeletes() throws Exception {
        StoredMessage stored = send("alice@example.com", "bob@example.net", "via curl");
        String base = "http://127.0.0.1:" + http.port();

        ProcessRunner.Result list = ProcessRunner.run(List.of("curl", "-sS", "--fail", base + "/api/messages?to=bob@example.net"));
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(ids(JSON.readTree(list.stdout()))).containsExactly(stored.id());

        ProcessRunner.Result raw = ProcessRunner.run(List.of("curl", "-sS", "--fail", base + "/api/messages/" + stored.id() + "/raw"));
        assertThat(raw.exitCode()).as(raw.describe()).isZero();
        assertThat(raw.stdout()).isEqualTo(new String(stored.raw(), StandardCharsets.UTF_8));

        ProcessRunner.Result delete = ProcessRunner.run(List.of("curl", "-sS", "--fail", "-X", "DELETE",
                "-o", "/dev/null", "-w", "%{http_code}", base + "/api/messages"));
        assertThat(delete.stdout()).as(delete.describe()).isEqualTo("204");
        assertThat(STORE.list()).isEmpty();
    }
}

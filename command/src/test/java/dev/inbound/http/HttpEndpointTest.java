package dev.inbound.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static void hello(HttpExchange exchange) throws IOException {
        byte[] body = ("hello " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static HttpResponse<String> get(HttpEndpoint http, String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path));
        if (login != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void basicAuthGuardsRoutesButNotOpenRoutes() throws Exception {
        HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0)
                .basicAuth((user, password) -> user.equals("tester") && password.equals("s3cret"))
                .route("/api/", HttpEndpointTest::hello)
                .openRoute("/livez", HttpEndpointTest::hello);
        http.start();
        try {
            HttpResponse<String> anonymous = get(http, "/api/x", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"inbound\", charset=\"UTF-8\"");
            assertThat(get(http, "/api/x", "tester:wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> known = get(http, "/api/x", "tester:s3cret");
            assertThat(known.statusCode()).isEqualTo(200);
            assertThat(known.body()).isEqualTo("hello /api/x");
            assertThat(get(http, "/livez", null).body()).isEqualTo("hello /livez");
        } finally {
            http.stop();
        }
    }

    @Test
    void routesAddedAfterStartServeAndStopClosesThePort() throws Exception {
        HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0);
        http.start();
        int port = http.port();
        http.route("/metrics", HttpEndpointTest::hello);
        assertThat(get(http, "/metrics", null).body()).isEqualTo("hello /metrics");
        http.stop();
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(http::start).isInstanceOf(IllegalStateException.class);
    }
}

package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.SmtpTestClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredServerTest {
    @TempDir
    Path dir;

    @Test
    void optionsWinOverEnvironmentWhichWinsOverConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("inbound.properties"), "ident=from-file\nmax-recipients=7\nsize=1K\n",
                StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("INBOUND_CONFIG", config.toString(),
                "INBOUND_MAX_RECIPIENTS", "8", "INBOUND_SIZE", "2K");

        try (ConfiguredServer configured = ConfiguredServer.of(Map.of("size", "3K", "hostname", "inbound.test",
                "smtputf8", "false", "handler", "sink"), environment)) {
            assertThat(configured.server().settings().maxMessageSize()).isEqualTo(3072);
            assertThat(configured.server().settings().maxRecipients()).isEqualTo(8);
            assertThat(configured.server().settings().ident()).isEqualTo("from-file");
            assertThat(configured.server().settings().smtpUtf8()).isFalse();
            assertThat(configured.handlerName()).isEqualTo("sink");
        }
    }

    @Test
    void startsAndStopsTheHttpApiWithTheServer() throws Exception {
        int port;
        try (ConfiguredServer configured = ConfiguredServer.of(Map.of("listen", "127.0.0.1:0", "handler", "sink",
                "http", "127.0.0.1:0"), Map.of())) {
            assertThat(configured.handlerName()).isEqualTo("sink,store");
            configured.start();
            port = configured.httpPort().orElseThrow();
            HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/messages")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.body()).isEqualTo("{\"total\":0,\"messages\":[]}");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void flagsTakeTrueOrFalse() {
        try (ConfiguredServer configured = ConfiguredServer.of(Map.of("hostname", "inbound.test", "handler", "sink",
                "tls-self-signed", "true", "received-header", "false", "require-starttls", "true"), Map.of())) {
            assertThat(configured.server().settings().tls()).isNotNull();
            assertThat(configured.server().settings().receivedHeader()).isFalse();
            assertThat(configured.server().settings().requireStartTls()).isTrue();
        }
    }

    @Test
    void refusesUnknownOptionsAndBadValuesInTheCommandsWords() {
        assertThatThrownBy(() -> ConfiguredServer.of(Map.of("sise", "10M"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown option sise; the options are ")
                .hasMessageContaining("handler-option").hasMessageNotContaining("debug");
        assertThatThrownBy(() -> ConfiguredServer.of(Map.of("size", "ten"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--size").hasMessageContaining("ten");
        assertThatThrownBy(() -> ConfiguredServer.of(Map.of("handler", "nosuch"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No handler named 'nosuch'");
    }

    @Test
    void theHostCompletesTheHandlerOptions() throws Exception {
        Map<String, String> seen = new HashMap<>();
        try (ConfiguredServer configured = ConfiguredServer.of(
                Map.of("listen", "127.0.0.1:0", "handler", "console", "handler-option", "stream=stdout"), Map.of(),
                (name, options) -> {
                    seen.put("name", name);
                    seen.putAll(options);
                    Map<String, String> completed = new HashMap<>(options);
                    completed.put("stream", "stderr");
                    return completed;
                })) {
            configured.start();
            assertThat(seen).containsEntry("name", "console").containsEntry("stream", "stdout");
            assertThat(configured.listening()).isEqualTo("on 127.0.0.1:" + configured.server().port());
            try (SmtpTestClient client = new SmtpTestClient(configured.server().port())) {
                assertThat(client.reply()).startsWith("220 ");
            }
            int port = configured.server().port();
            configured.close();
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }
}

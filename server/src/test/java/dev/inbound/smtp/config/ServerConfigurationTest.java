package dev.inbound.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.SmtpTestClient;
import dev.inbound.smtp.handlers.CollectedMessage;
import dev.inbound.smtp.handlers.CollectorHandler;
import dev.inbound.smtp.spi.OptionSpec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigurationTest {
    /** A fixed hostname spares a DNS lookup; any free port. */
    private static final Map<String, String> LOOPBACK = Map.of("hostname", "inbound.test", "listen", "127.0.0.1:0");

    @TempDir
    Path dir;

    private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> options = new HashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return options;
    }

    @Test
    void earlierSourcesWinThenTheEnvironmentThenTheConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("inbound.properties"), "ident=from-file\nmax-recipients=7\nsize=1K\n",
                StandardCharsets.UTF_8);
        Map<String, String> environment = Map.of("INBOUND_CONFIG", config.toString(),
                "INBOUND_MAX_RECIPIENTS", "8", "INBOUND_SIZE", "2K", "PATH", "/bin");

        try (ConfiguredServer configured = ServerConfiguration.builder()
                .source("first", Map.of("size", "3K", "hostname", "inbound.test", "handler", "sink"))
                .source("second", Map.of("size", "4K", "max-recipients", "9"))
                .environment(environment).read().build()) {
            assertThat(configured.server().settings().maxMessageSize()).isEqualTo(3072);
            assertThat(configured.server().settings().maxRecipients()).isEqualTo(9);
            assertThat(configured.server().settings().ident()).isEqualTo("from-file");
            assertThat(configured.handlerName()).isEqualTo("sink");
        }
    }

    @Test
    void optionsLeftOutAreTheBuildersDefaults() {
        try (ConfiguredServer configured = ServerConfiguration.builder().source("test", Map.of("hostname", "inbound.test"))
                .read().build()) {
            assertThat(configured.server().settings()).isEqualTo(SmtpServer.builder().hostname("inbound.test").build().settings());
            assertThat(configured.handlerName()).isEqualTo("console");
        }
    }

    @Test
    void unknownOptionsAndBadValuesNameWhereTheyCameFrom() throws IOException {
        assertThatThrownBy(() -> ServerConfiguration.builder().source("the test", Map.of("sise", "10M")).read())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The test has no option sise; it takes ")
                .hasMessageContaining("handler-option").hasMessageContaining("relay-host").hasMessageNotContaining("debug");
        assertThatThrownBy(() -> ServerConfiguration.builder().environment(Map.of("INBOUND_SIZE", "ten")).read())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The environment option size must be a byte count such as 1048576, 64K, 50M or 2G, not 'ten'");
        Path config = Files.writeString(dir.resolve("bad.properties"), "max-conections=10\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ServerConfiguration.builder().source("flags", Map.of("config", config.toString())).read())
                .hasMessageStartingWith("Config file " + config + " has no option max-conections");
        assertThatThrownBy(() -> ServerConfiguration.builder().source("flags", Map.of("config", dir.resolve("none").toString()))
                .read()).hasMessageStartingWith("Cannot read config file " + dir.resolve("none"));
        assertThatThrownBy(() -> ServerConfiguration.builder().source("flags", Map.of("handler", "nosuch")).read().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No handler named 'nosuch'");
    }

    @Test
    void aKeystoreThatCannotBeReadIsNamedAndItsPasswordIsNot() {
        Path missing = dir.resolve("none.p12");
        try (ConfiguredServer configured = ServerConfiguration.builder().source("flags", with(LOOPBACK, "handler", "sink",
                "tls-keystore", missing.toString(), "tls-keystore-password", "s3cret")).read().build()) {
            assertThatThrownBy(configured::start).hasMessageContaining("PKCS#12 " + missing)
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void aHostsOwnOptionsAreReadFromEverySource() {
        OptionSpec<Integer> workers = OptionSpec.integer("workers", 1, 9, "test workers").defaultValue("2");
        List<OptionSection> host = List.of(new OptionSection("Host", List.of(workers)));

        assertThat(ServerConfiguration.builder().environment(Map.of("INBOUND_WORKERS", "5")).hostOptions(host).read()
                .get(workers)).isEqualTo(5);
        assertThat(ServerConfiguration.builder().hostOptions(host).read().get(workers)).isEqualTo(2);
    }

    @Test
    void receivedHeaderFalseLeavesTheMessageAsSent() throws Exception {
        try (ConfiguredServer configured = ServerConfiguration.builder()
                .source("test", with(LOOPBACK, "handler", "collector", "received-header", "false")).read().build()) {
            configured.start();
            try (SmtpTestClient client = new SmtpTestClient(configured.server().port())) {
                client.greet().startData("a@example.com", "b@example.com");
                assertThat(client.endData("Subject: hi\r\n\r\nbody\r\n")).startsWith("250 ");
            }
            CollectorHandler collector = (CollectorHandler) configured.handlers().get(0);
            CollectedMessage message = collector.awaitCount(1, Duration.ofSeconds(10)).get(0);
            assertThat(message.text()).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
        }
    }

    @Test
    void requireStartTlsWithSelfSignedKeysRefusesMailBeforeTls() throws Exception {
        try (ConfiguredServer configured = ServerConfiguration.builder()
                .source("test", with(LOOPBACK, "handler", "sink", "tls-self-signed", "true", "require-starttls", "true"))
                .read().build()) {
            configured.start();
            try (SmtpTestClient client = new SmtpTestClient(configured.server().port())) {
                client.reply();
                assertThat(client.command("EHLO client.example")).contains("STARTTLS");
                assertThat(client.command("MAIL FROM:<a@example.com>")).startsWith("530 ");
            }
        }
    }

    @Test
    void optionsThatDoNotGoTogetherFailBeforeAnyHandlerIsMade() {
        assertThatThrownBy(() -> ServerConfiguration.builder()
                .source("test", Map.of("require-starttls", "true", "handler", "relay")).read().build())
                .hasMessageContaining("--require-starttls needs TLS keys");
        assertThatThrownBy(() -> ServerConfiguration.builder().source("test", Map.of("lmtp", "127.0.0.1:25")).read().build())
                .hasMessage("LMTP must not listen on port 25, the SMTP port (RFC 2033)");
    }

    @Test
    void theHostCompletesTheHandlerOptionsAndCloseStopsTheServer() throws Exception {
        Map<String, String> seen = new HashMap<>();
        try (ConfiguredServer configured = ServerConfiguration.builder()
                .source("test", with(LOOPBACK, "handler", "console", "console-stream", "stdout")).read()
                .build(dev.inbound.smtp.ServerEvents.NONE, (name, options) -> {
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

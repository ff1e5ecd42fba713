package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.BareNewlinePolicy;
import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.config.ConfiguredServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private InboundCommand command(Map<String, String> environment) {
        return new InboundCommand(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The settings the options describe; a fixed hostname spares a DNS lookup. */
    private ServerSettings settings(Map<String, String> environment, String... args) {
        List<String> named = new ArrayList<>(List.of(args));
        named.addAll(List.of("--hostname", "inbound.test"));
        try (ConfiguredServer configured = command(environment).parse(named.toArray(String[]::new)).configuration().build()) {
            return configured.server().settings();
        }
    }

    private Path configFile(String... lines) throws IOException {
        return Files.write(dir.resolve("inbound.properties"), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverConfigFile() throws Exception {
        Path config = configFile("listen=127.0.0.1:2600", "max-connections=10", "max-recipients=7", "ident=from-file");
        Map<String, String> environment = Map.of("INBOUND_CONFIG", config.toString(),
                "INBOUND_MAX_CONNECTIONS", "20", "INBOUND_MAX_RECIPIENTS", "8");

        ServerSettings settings = settings(environment, "--max-recipients", "9");

        assertThat(settings.maxRecipients()).isEqualTo(9);
        assertThat(settings.maxConnections()).isEqualTo(20);
        assertThat(settings.ident()).isEqualTo("from-file");
        assertThat(settings.listeners()).containsExactly(new Listener(Listener.Kind.SMTP, "127.0.0.1", 2600));
    }

    @Test
    void lmtpAloneListensForLmtpOnlyAndWithListenBesideSmtp() {
        assertThat(settings(Map.of(), "--lmtp", "127.0.0.1:2400").listeners())
                .containsExactly(new Listener(Listener.Kind.LMTP, "127.0.0.1", 2400));
        assertThat(settings(Map.of("INBOUND_LMTP", "[::1]"), "--listen", ":2525").listeners())
                .containsExactly(new Listener(Listener.Kind.SMTP, "localhost", 2525),
                        new Listener(Listener.Kind.LMTP, "::1", 24));
        assertThat(settings(Map.of(), "--lmtp", ":2400").listeners())
                .containsExactly(new Listener(Listener.Kind.LMTP, "localhost", 2400));
    }

    @Test
    void lmtpOnPort25IsABadOption() {
        int exit = command(Map.of()).execute("--lmtp", "127.0.0.1:25");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("inbound: LMTP must not listen on port 25, the SMTP port (RFC 2033)");
    }

    @Test
    void configOnTheCommandLineWinsOverTheEnvironment() throws Exception {
        Path config = configFile("max-connections-per-ip=3");

        ServerSettings settings = settings(Map.of("INBOUND_CONFIG", dir.resolve("missing").toString()),
                "--config=" + config);

        assertThat(settings.maxConnectionsPerIp()).isEqualTo(3);
    }

    @Test
    void leavesTheServerDefaultsAloneWhenNothingIsSet() {
        ServerSettings defaults = SmtpServer.builder().hostname("inbound.test").build().settings();

        assertThat(settings(Map.of())).isEqualTo(defaults);
    }

    @Test
    void mapsEveryOptionToItsSetting() {
        ServerSettings settings = settings(Map.of(), "--listen", "[::1]:2525", "--size", "10K", "--no-smtputf8",
                "--ident", "Test", "--timeout", "30", "--data-timeout", "60", "--min-data-rate", "100",
                "--max-connections", "5", "--max-connections-per-ip", "2", "--max-recipients", "3",
                "--bare-newline", "reject", "--no-received-header", "--spool-dir", dir.toString(),
                "--spool-threshold", "2M");

        assertThat(settings).isEqualTo(SmtpServer.builder().bind("::1").port(2525).hostname("inbound.test")
                .ident("Test").maxMessageSize(10 * 1024).smtpUtf8(false).receivedHeader(false)
                .bareNewline(BareNewlinePolicy.REJECT).maxRecipients(3).idleTimeout(Duration.ofSeconds(30))
                .dataTimeout(Duration.ofSeconds(60)).minDataRate(100).maxConnections(5).maxConnectionsPerIp(2)
                .spoolDirectory(dir).spoolThreshold(2 * 1024 * 1024).build().settings());
    }

    @Test
    void negatableFlagsOverrideTheEnvironmentEitherWay() {
        Map<String, String> off = Map.of("INBOUND_SMTPUTF8", "false", "INBOUND_RECEIVED_HEADER", "false");
        Map<String, String> on = Map.of("INBOUND_SMTPUTF8", "true", "INBOUND_RECEIVED_HEADER", "true");

        assertThat(settings(off).smtpUtf8()).isFalse();
        assertThat(settings(off, "--smtputf8").smtpUtf8()).isTrue();
        assertThat(settings(on, "--smtputf8").smtpUtf8()).isTrue();
        assertThat(settings(on, "--no-smtputf8").smtpUtf8()).isFalse();
        assertThat(settings(off, "--received-header").receivedHeader()).isTrue();
        assertThat(settings(on, "--no-received-header").receivedHeader()).isFalse();
    }

    @Test
    void listenWithOnlyAPortKeepsTheDefaultHost() {
        ServerSettings settings = settings(Map.of("INBOUND_LISTEN", ":2626"));

        assertThat(settings.listeners()).containsExactly(new Listener(Listener.Kind.SMTP, "localhost", 2626));
    }

    @Test
    void handlerOptionsFromTheEnvironmentAreSplitAtCommas() {
        InboundCommand command = command(Map.of("INBOUND_HANDLER", "sink", "INBOUND_HANDLER_OPTION", "a=1,b=2"));

        assertThatThrownBy(() -> command.parse().configuration().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Handler 'sink' has no option a, b; it takes none");
    }

    @Test
    void jmsVariablesSetForTheMachineDoNotTroubleOtherHandlers() {
        ServerSettings settings = settings(Map.of("INBOUND_JMS_URL", "tcp://broker:61616", "INBOUND_JMS_PASSWORD", "x"),
                "--handler", "sink");

        assertThat(settings.listeners()).hasSize(1);
    }

    @Test
    void proxyOptionsSetTheModePerListenerAndTheTrustedNetworks() {
        ServerSettings settings = settings(Map.of("INBOUND_PROXY_TRUSTED", "10.0.0.0/8,::1"),
                "--tls-self-signed", "--tls-port", "0", "--proxy-protocol", "optional,smtps=required",
                "--proxy-timeout", "3");
        assertThat(settings.listener(Listener.Kind.SMTP).orElseThrow().proxy()).isEqualTo(ProxyMode.OPTIONAL);
        assertThat(settings.listener(Listener.Kind.SMTPS).orElseThrow().proxy()).isEqualTo(ProxyMode.REQUIRED);
        assertThat(settings.proxyTrusted()).containsExactly("10.0.0.0/8", "::1");
        assertThat(settings.proxyTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings(Map.of()).listener(Listener.Kind.SMTP).orElseThrow().proxy()).isEqualTo(ProxyMode.OFF);
    }

    @Test
    void unknownHandlerExitsWithCode2AndAShortMessage() {
        int exit = command(Map.of()).execute("--handler", "nope");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("inbound: No handler named 'nope'; available: collector, console, relay, sink, store")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--handler relay --handler-option port=25 | Handler 'relay' needs option host",
        "--size 1T                                 | The command line option size must be a byte count such as 1048576, 64K, 50M or 2G, not '1T'",
        "--listen localhost:smtp                   | option listen must be HOST:PORT, [IPV6]:PORT, :PORT or HOST",
        "--max-connections 0                       | option max-connections must be a whole number from 1",
        "--spool-threshold 2G                      | --spool-threshold must be less than 2G",
        "--proxy-protocol required                 | --proxy-protocol needs --proxy-trusted",
        "--proxy-protocol sometimes                | option proxy-protocol must be MODE or KIND=MODE",
        "--proxy-protocol smtpx=required           | KIND one of smtp, smtps",
        "--proxy-trusted mx.example.org            | --proxy-trusted: not an IP address: 'mx.example.org'",
        "--proxy-trusted 10.1.2.3/8                | --proxy-trusted: 10.1.2.3/8 has address bits set past the prefix"})
    void badValueExitsWithCode2AndSaysWhy(String args, String why) {
        assertThat(command(Map.of()).execute(args.split(" "))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("inbound: ").contains(why)
                .doesNotContain("\tat ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--tls-cert cert.pem                             | --tls-cert and --tls-key go together",
        "--tls-key key.pem                               | --tls-cert and --tls-key go together",
        "--tls-self-signed --tls-keystore keys.p12       | Give one of --tls-cert/--tls-key, --tls-keystore or --tls-self-signed",
        "--tls-cert c.pem --tls-key k.pem --tls-self-signed | Give one of --tls-cert/--tls-key, --tls-keystore or --tls-self-signed",
        "--tls-port 0                                    | --tls-port needs TLS keys",
        "--require-starttls                              | --require-starttls needs TLS keys",
        "--tls-self-signed --no-starttls --require-starttls | --require-starttls needs STARTTLS"})
    void tlsOptionsThatDoNotGoTogetherExitWithCode2(String args, String why) {
        int exit = command(Map.of()).execute(("--listen 127.0.0.1:0 --handler sink " + args).split(" +"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("inbound: ").contains(why)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--tls-port 0                                       | --tls-port",
        "--require-starttls                                 | --require-starttls",
        "--tls-self-signed --no-starttls --require-starttls | --no-starttls"})
    void tlsOptionErrorsNameTheOptions(String args, String option) {
        assertThat(command(Map.of()).execute(("--listen 127.0.0.1:0 --handler sink " + args).split(" +"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(option).doesNotContain("tls(...)")
                .doesNotContain("implicitTlsPort");
    }

    @Test
    void unreadableTlsKeyFileExitsWithCode1AndSaysWhich() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key\n");

        int exit = exitOf("--tls-cert", cert.toString(), "--tls-key", key.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("inbound: Bad TLS key material (PEM " + cert + " and " + key + ")")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.size()).isZero();
    }

    @Test
    void missingTlsKeystoreExitsWithCode1AndNamesIt() throws Exception {
        Path missing = dir.resolve("missing.p12");

        int exit = exitOf("--tls-keystore", missing.toString(), "--tls-keystore-password", "secret");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("inbound: Cannot read TLS key material (PKCS#12 " + missing + ")")
                .doesNotContain("secret").doesNotContain("\tat ");
        assertThat(out.size()).isZero();
    }

    /** Runs the command on a free loopback port; fails rather than hangs should the server start after all. */
    private int exitOf(String... tlsArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--handler", "sink"));
        args.addAll(List.of(tlsArgs));
        InboundCommand command = command(Map.of());
        return CompletableFuture.supplyAsync(() -> command.execute(args.toArray(String[]::new)))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void unknownConfigKeyExitsWithCode2() throws Exception {
        Path config = configFile("max-conections=10");

        assertThat(command(Map.of()).execute("--config", config.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Config file " + config + " has no option max-conections");
    }

    /** The README says --help lists the options by section, each handler's under its own. */
    @Test
    void helpListsTheOptionsBySectionWithEachHandlersOwn() {
        assertThat(command(Map.of()).execute("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);

        assertThat(help).startsWith("Usage: inbound [OPTIONS] [COMMAND]");
        assertThat(help.lines().filter(line -> line.endsWith(":")).toList()).containsSubsequence("Listening:",
                "Messages:", "Connections:", "TLS:", "AUTH and relaying:", "PROXY protocol:", "Listener smtp:",
                "Listener submission:", "Listener smtps:", "Listener lmtp:", "Handlers:", "Configuration:",
                "HTTP API:", "Logging:", "General:");
        assertThat(help).contains("Handler relay: ").contains("--relay-host=HOST").contains("--store-max-messages=NUMBER")
                .contains("--[no-]smtputf8").contains("(default 32M)")
                .contains("Better given as").contains("INBOUND_TLS_KEYSTORE_PASSWORD");
        assertThat(help.indexOf("--relay-host")).isGreaterThan(help.indexOf("Handler relay: "));
    }

    @Test
    void printsTheBuiltVersion() {
        assertThat(command(Map.of()).execute("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("Inbound \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }
}

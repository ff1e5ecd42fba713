package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inbound.smtp.PasswordFileAuthenticator;
import dev.inbound.smtp.ServerSettings;
import dev.inbound.smtp.config.ConfiguredServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inbound passwd} and the AUTH options. */
class PasswdCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int passwd(String stdin, String... args) {
        InboundCommand command = new InboundCommand(Map.of(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return command.execute(args);
    }

    @Test
    void writesAUserTheAuthenticatorAcceptsAndReplacesItLater() throws Exception {
        Path file = dir.resolve("users");
        assertThat(passwd("first pw\n", "passwd", "--password-stdin", file.toString(), "alice")).as(err.toString()).isZero();
        assertThat(passwd("bob pw\n", "passwd", "--password-stdin", file.toString(), "bob")).isZero();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("alice:pbkdf2-sha256:210000:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}");
        assertThat(Files.readString(file)).doesNotContain("first pw");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(file);
        assertThat(authenticator.authenticate(null, "alice", "first pw")).contains("alice");
        assertThat(authenticator.authenticate(null, "alice", "wrong")).isEmpty();
        assertThat(authenticator.authenticate(null, "carol", "first pw")).isEmpty();

        assertThat(passwd("second pw\n", "passwd", "--password-stdin", file.toString(), "alice")).isZero();
        assertThat(Files.readAllLines(file)).hasSize(2);
        // The running authenticator sees the change without a restart.
        assertThat(authenticator.authenticate(null, "alice", "second pw")).contains("alice");
        assertThat(authenticator.authenticate(null, "alice", "first pw")).isEmpty();
        assertThat(authenticator.authenticate(null, "bob", "bob pw")).contains("bob");
    }

    @Test
    void refusesWithoutAPasswordOrWithABadUserName() {
        Path file = dir.resolve("users");
        assertThat(passwd("", "passwd", "--password-stdin", file.toString(), "alice")).isNotZero();
        assertThat(passwd("pw\n", "passwd", "--password-stdin", file.toString(), "al:ice")).isNotZero();
        // No console in a test run: the password is never taken from elsewhere.
        assertThat(passwd("pw\n", "passwd", file.toString(), "alice")).isNotZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void authOptionsMapToSettings() throws Exception {
        Path file = dir.resolve("users");
        passwd("pw\n", "passwd", "--password-stdin", file.toString(), "alice");
        InboundCommand command = new InboundCommand(Map.of("INBOUND_ACCEPT_DOMAINS", "a.example,B.example"),
                new PrintStream(out), new PrintStream(err));
        ServerSettings settings;
        try (ConfiguredServer configured = command.parse("--auth-file", file.toString(), "--auth-required",
                "--no-auth-require-tls", "--hostname", "inbound.test").configuration().build()) {
            settings = configured.server().settings();
        }

        assertThat(settings.authenticator()).isInstanceOf(PasswordFileAuthenticator.class);
        assertThat(settings.authRequired()).isTrue();
        assertThat(settings.authRequireTls()).isFalse();
        assertThat(settings.acceptDomains()).isEqualTo(Set.of("a.example", "b.example"));
    }

    @Test
    void authRequiredNeedsAnAuthFile() {
        InboundCommand command = new InboundCommand(Map.of(), new PrintStream(out), new PrintStream(err));
        assertThatThrownBy(() -> command.parse("--auth-required").configuration().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--auth-required needs --auth-file");
    }
}

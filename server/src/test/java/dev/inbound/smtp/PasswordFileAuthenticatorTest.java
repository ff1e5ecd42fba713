package dev.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password file: both hash forms, limits on the work a line may ask for, and reloading. */
class PasswordFileAuthenticatorTest {
    @TempDir
    Path dir;

    private static String bcrypt(String password, String version) {
        byte[] salt = new byte[16];
        return OpenBSDBCrypt.generate(version, password.toCharArray(), salt, 6);
    }

    @Test
    void acceptsBcryptAsHtpasswdWritesIt() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "bob:" + bcrypt("bob pw", "2y") + "\nann:" + bcrypt("ann pw", "2b") + "\n");
        PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(file);
        assertThat(authenticator.authenticate(null, "bob", "bob pw")).contains("bob");
        assertThat(authenticator.authenticate(null, "bob", "ann pw")).isEmpty();
        assertThat(authenticator.authenticate(null, "ann", "ann pw")).contains("ann");
    }

    @Test
    void readsTheReadmesExampleFile() throws Exception {
        PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(
                Path.of(PasswordFileAuthenticatorTest.class.getResource("/auth/users").toURI()));
        assertThat(authenticator.authenticate(null, "alice", "alice's password")).contains("alice");
        assertThat(authenticator.authenticate(null, "bob", "bob's password")).contains("bob");
        assertThat(authenticator.authenticate(null, "bob", "alice's password")).isEmpty();
    }

    @Test
    void refusesLinesThatAskForAbsurdWork() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "eve:pbkdf2-sha256:2000000000:AAAA:AAAA\n");
        assertThatThrownBy(() -> new PasswordFileAuthenticator(file))
                .hasMessageContaining("line 1").hasMessageContaining("iterations must be from 1 to 10000000");
        Files.writeString(file, "eve:$2y$31$" + "a".repeat(53) + "\n");
        assertThatThrownBy(() -> new PasswordFileAuthenticator(file)).hasMessageContaining("bcrypt cost must be from 4 to 16");
    }

    @Test
    void keepsTheUsersItHadWhenTheFileBreaksOrGoes() throws Exception {
        Path file = dir.resolve("users");
        PasswordFileAuthenticator.setPassword(file, "alice", "alice pw");
        PasswordFileAuthenticator authenticator = new PasswordFileAuthenticator(file);
        assertThat(authenticator.authenticate(null, "alice", "alice pw")).contains("alice");

        Files.writeString(file, "alice:half-written");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(authenticator.authenticate(null, "alice", "alice pw")).contains("alice");

        Files.delete(file);
        assertThat(authenticator.authenticate(null, "alice", "alice pw")).contains("alice");

        PasswordFileAuthenticator.setPassword(file, "alice", "new pw");
        assertThat(authenticator.authenticate(null, "alice", "new pw")).contains("alice");
        assertThat(authenticator.authenticate(null, "alice", "alice pw")).isEmpty();
    }
}

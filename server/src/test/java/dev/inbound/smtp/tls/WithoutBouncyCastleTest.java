package dev.inbound.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.ChildClassPath;
import dev.inbound.smtp.PasswordFileAuthenticator;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.clients.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bouncy Castle is optional: in a JVM whose class path lacks it, PEM keys and PBKDF2 password
 * files still load, while a self-signed certificate and a bcrypt hash fail with the jars to add
 * rather than a NoClassDefFoundError.
 */
class WithoutBouncyCastleTest {
    @TempDir
    Path dir;

    @Test
    void whatNeedsBouncyCastleNamesTheMissingJarsAndTheRestWorks() throws Exception {
        Path certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TestKeys.generate("EC", "localhost").writePem(certificate, key);
        Path pbkdf2 = dir.resolve("pbkdf2.passwd");
        PasswordFileAuthenticator.setPassword(pbkdf2, "ann", "ann pw");
        Path bcrypt = dir.resolve("bcrypt.passwd");
        Files.writeString(bcrypt, "bob:$2y$10$" + "a".repeat(53) + "\n");
        String classPath = ChildClassPath.of(entry -> !entry.contains("bouncycastle"));
        assertThat(classPath).contains("mina-core").doesNotContain("bouncycastle");

        ProcessRunner.Result run = ProcessRunner.run(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                Child.class.getName(), certificate.toString(), key.toString(), pbkdf2.toString(), bcrypt.toString()));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        // The child's log goes to stdout too; its results are the lines marked "> ".
        assertThat(run.stdout().lines().filter(line -> line.startsWith("> ")).map(line -> line.substring(2)))
                .as(run.describe()).containsExactly(
                "no org.bouncycastle.cert.X509v3CertificateBuilder",
                "pem: loaded",
                "pbkdf2: loaded",
                "self-signed: IllegalStateException: A self-signed certificate (TlsSettings.selfSigned(), tls-self-signed)"
                        + " needs Bouncy Castle, which is not on the class path: add org.bouncycastle:bcpkix-jdk18on"
                        + " (it brings bcutil-jdk18on and bcprov-jdk18on); on the module path also"
                        + " --add-modules org.bouncycastle.pkix,org.bouncycastle.provider",
                "bcrypt: IllegalStateException: A bcrypt password hash needs Bouncy Castle, which is not on the class"
                        + " path: add org.bouncycastle:bcpkix-jdk18on (it brings bcutil-jdk18on and bcprov-jdk18on);"
                        + " on the module path also --add-modules org.bouncycastle.pkix,org.bouncycastle.provider");
    }

    /** Runs in the child JVM: prints one line per thing tried. */
    public static final class Child {
        public static void main(String[] args) {
            try {
                Class.forName("org.bouncycastle.cert.X509v3CertificateBuilder");
                System.out.println("> Bouncy Castle is on the class path");
            } catch (ClassNotFoundException expected) {
                System.out.println("> no " + expected.getMessage());
            }
            Path certificate = Path.of(args[0]);
            Path key = Path.of(args[1]);
            attempt("pem", () -> started(TlsSettings.pem(certificate, key)));
            attempt("pbkdf2", () -> new PasswordFileAuthenticator(Path.of(args[2])));
            attempt("self-signed", () -> started(TlsSettings.selfSigned()));
            attempt("bcrypt", () -> new PasswordFileAuthenticator(Path.of(args[3])));
        }

        /** Starts and stops a server with {@code tls}: starting is when it reads its key material. */
        private static SmtpServer started(TlsSettings tls) {
            SmtpServer server = SmtpServer.builder().bind("127.0.0.1").port(0).hostname("localhost").tls(tls).build();
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.stop();
            return server;
        }

        private static void attempt(String what, Supplier<Object> action) {
            try {
                action.get();
                System.out.println("> " + what + ": loaded");
            } catch (RuntimeException | LinkageError e) {
                // The message ends with the ClassNotFoundException it came from, which names the probe class.
                String message = String.valueOf(e.getMessage());
                int because = message.lastIndexOf(" (java.lang.");
                System.out.println("> " + what + ": " + e.getClass().getSimpleName() + ": "
                        + (because > 0 ? message.substring(0, because) : message));
            }
        }
    }
}

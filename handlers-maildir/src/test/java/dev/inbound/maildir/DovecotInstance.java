package dev.inbound.maildir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Dovecot (Debian's {@code dovecot-imapd}) serving one Maildir over plain IMAP on
 * 127.0.0.1, from a configuration in a temp directory; user {@code u}, password
 * {@code secret}. Dovecot refuses to access mail as root, so the Maildir is handed to
 * {@code nobody} first. A missing dovecot fails the test: {@link #start} throws.
 */
final class DovecotInstance implements AutoCloseable {
    static final String USER = "u";
    static final String PASSWORD = "secret";
    private static final String MAIL_USER = "nobody";
    private static final String MAIL_GROUP = "nogroup";

    private final Process process;
    private final int port;
    private final Path log;

    private DovecotInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static DovecotInstance start(Path maildir, Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        giveToMailUser(maildir);
        giveToMailUser(home);
        // JUnit's temp directories are 0700 root: Dovecot's users (nobody, dovenull) must pass through them.
        for (Path parent : new Path[] {maildir.getParent(), dir.getParent(), dir}) {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path log = dir.resolve("dovecot.log");
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %2$s
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_login_user = dovenull
                default_internal_user = dovecot
                first_valid_uid = 1
                mail_location = maildir:%3$s
                passdb {
                  driver = static
                  args = password=%4$s
                }
                userdb {
                  driver = static
                  args = uid=%5$s gid=%6$s home=%7$s
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %8$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                """.formatted(dir, log, maildir, PASSWORD, MAIL_USER, MAIL_GROUP, home, port));
        Process process = new ProcessBuilder("/usr/sbin/dovecot", "-F", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dovecot.out").toFile()).start();
        DovecotInstance dovecot = new DovecotInstance(process, port, log);
        dovecot.awaitListening();
        return dovecot;
    }

    int port() {
        return port;
    }

    /** The lines of Dovecot's log that report an error or a warning (such as a wrong ,S= size). */
    List<String> complaints() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Error:") || l.contains("Warning:")
                || l.contains("Panic:") || l.contains("Fatal:")).toList();
    }

    /** Connects until Dovecot accepts, or fails with its log after 30 s. */
    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    close();
                    throw new AssertionError("Dovecot did not listen on " + port + ":\n"
                            + (Files.exists(log) ? Files.readString(log) : "(no log)"));
                }
                Thread.sleep(100);
            }
        }
    }

    /** chown -R nobody:nogroup. */
    private static void giveToMailUser(Path root) throws IOException {
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        var user = users.lookupPrincipalByName(MAIL_USER);
        GroupPrincipal group = users.lookupPrincipalByGroupName(MAIL_GROUP);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }

    /** Stops the master and every process it started. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}

package dev.inbound.smtp;

import dev.inbound.smtp.auth.PasswordHash;
import dev.inbound.smtp.auth.Pbkdf2Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and salted password hashes from a text file, one user a line:
 *
 * <pre>
 * # comments and blank lines are ignored
 * alice:pbkdf2-sha256:210000:&lt;salt base64&gt;:&lt;hash base64&gt;
 * bob:$2y$10$&lt;salt and hash&gt;
 * </pre>
 *
 * <p>The hash is PBKDF2-HMAC-SHA256 over the UTF-8 password with a 16-byte random salt, which
 * {@link #setPassword} and {@code inbound passwd FILE USER} write, adding or replacing a line;
 * or bcrypt, as {@code htpasswd -nB} writes it (bcrypt needs Bouncy Castle on the class path). A user name has
 * no {@code :}. The file is read again when its modification time, size or inode changes,
 * checked at each attempt, so users can be added while the server runs. An unknown user costs
 * as much time as a wrong password, and both get the same reply.
 *
 * <p>The file holds no plaintext, so CRAM-MD5 is not offered with it.
 *
 * <pre>{@code
 * SmtpServer.builder().authenticator(new PasswordFileAuthenticator(Path.of("/etc/inbound/users")));
 * }</pre>
 */
public final class PasswordFileAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordFileAuthenticator.class);
    /** Checked against when the user is unknown, so that the answer takes as long as for a known one. */
    private static final PasswordHash NOBODY = Pbkdf2Hash.create("no such user");

    private final Path file;
    private Map<String, PasswordHash> users = Map.of();
    /** What the file looked like when last read: modification time, size and identity (inode). */
    private List<Object> readStamp;
    /** What it looked like when it last could not be used (empty when missing), so each change warns once. */
    private List<Object> failedStamp;

    /** Reads {@code file} now, so a missing or malformed file shows at start; throws UncheckedIOException or IllegalArgumentException. */
    public PasswordFileAuthenticator(Path file) {
        this.file = Objects.requireNonNull(file);
        current();
    }

    @Override
    public Optional<String> authenticate(Session session, String username, String password) {
        PasswordHash hash = current().get(username);
        boolean match = (hash != null ? hash : NOBODY).matches(password);
        return hash != null && match ? Optional.of(username) : Optional.empty();
    }

    /**
     * The users as the file says now, read again if it changed. A file that has become
     * unreadable or malformed (half-edited, say) leaves the users as they were, with one
     * warning per change of the file, rather than locking everybody out.
     */
    private synchronized Map<String, PasswordHash> current() {
        List<Object> stamp = List.of();
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = Arrays.asList(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
            if (!stamp.equals(readStamp)) {
                users = parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
                readStamp = stamp;
                LOG.info("password file {}: {} users", file, users.size());
            }
        } catch (IOException | IllegalArgumentException e) {
            if (readStamp == null) {
                throw e instanceof IOException io ? new UncheckedIOException("cannot read password file " + file, io)
                        : (IllegalArgumentException) e;
            }
            if (!stamp.equals(failedStamp)) {
                failedStamp = stamp;
                LOG.warn("cannot use password file {}, keeping the users read before ({}): {}", file, users.size(),
                        e instanceof NoSuchFileException ? "it is missing" : e.getMessage());
            }
        }
        return users;
    }

    private static Map<String, PasswordHash> parse(Path file, List<String> lines) {
        Map<String, PasswordHash> parsed = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            try {
                if (colon <= 0) {
                    throw new IllegalArgumentException("no user name");
                }
                parsed.put(line.substring(0, colon), PasswordHash.parse(line.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return Map.copyOf(parsed);
    }

    /**
     * Adds {@code user} to {@code file} with a new hash of {@code password}, or replaces the
     * user's line; creates the file, readable by its owner only, if there is none. The file is
     * replaced in one move, so a running server never reads half of it.
     */
    public static void setPassword(Path file, String user, String password) throws IOException {
        if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("a user name is not empty and has no ':' or spaces: " + user);
        }
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        parse(file, lines); // refuse to rewrite a file we cannot read
        Path directory = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temp, withUser(lines, user, Pbkdf2Hash.create(password)), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@code lines} of a password file with {@code user} set to {@code hash}, added at the end or replaced in place. */
    private static List<String> withUser(List<String> lines, String user, PasswordHash hash) {
        String entry = user + ":" + hash;
        List<String> updated = new ArrayList<>();
        boolean replaced = false;
        for (String line : lines) {
            if (line.startsWith(user + ":")) {
                if (!replaced) {
                    updated.add(entry);
                    replaced = true;
                }
            } else {
                updated.add(line);
            }
        }
        if (!replaced) {
            updated.add(entry);
        }
        return updated;
    }
}

package dev.inbound.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions of the Maildir directories and message files the handler creates. The
 * default, 0700 and 0600, is Postfix's and Dovecot's for one mail user; 0770 and 0660 let a
 * reader in the same group (Dovecot running as another user) share the mailboxes.
 *
 * <pre>{@code
 * FileModes shared = FileModes.parse("0770", "0660");
 * }</pre>
 */
public record FileModes(Set<PosixFilePermission> directory, Set<PosixFilePermission> file) {
    public static final FileModes OWNER_ONLY = parse("0700", "0600");

    public FileModes {
        directory = Set.copyOf(directory);
        file = Set.copyOf(file);
        if (!directory.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE))
                || !file.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
            throw new IllegalArgumentException("The owner needs rwx on directories and rw on files");
        }
    }

    /** Octal modes such as {@code 0750} and {@code 0640}. */
    public static FileModes parse(String directoryMode, String fileMode) {
        return new FileModes(octal(directoryMode), octal(fileMode));
    }

    /** The attribute that creates a file with at most this mode (the umask may take bits away). */
    FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(file);
    }

    FileAttribute<Set<PosixFilePermission>> directoryAttribute() {
        return PosixFilePermissions.asFileAttribute(directory);
    }

    /** Sets the exact mode on a new file when the umask may have taken group or other bits away. */
    void fixFile(Path path) throws IOException {
        if (beyondOwner(file)) {
            Files.setPosixFilePermissions(path, file);
        }
    }

    void fixDirectory(Path path) throws IOException {
        if (beyondOwner(directory)) {
            Files.setPosixFilePermissions(path, directory);
        }
    }

    private static boolean beyondOwner(Set<PosixFilePermission> mode) {
        return mode.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
    }

    private static Set<PosixFilePermission> octal(String mode) {
        int bits;
        try {
            bits = Integer.parseInt(mode, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A mode is octal, such as 0700, not " + mode);
        }
        if (bits < 0 || bits > 0777) {
            throw new IllegalArgumentException("A mode is between 0000 and 0777, not " + mode);
        }
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }
}

package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inbound.smtp.MessageContent;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirWriterTest {
    private static final String NAME = "\\d+\\.M\\d+P\\d+Q\\d+\\.mx1,S=(\\d+)";

    @TempDir
    Path dir;

    private final MaildirWriter writer = new MaildirWriter(MaildirName.forThisProcess("mx1"), LineEnding.LF,
            FsyncMode.ALWAYS);

    @Test
    void movesAnFsyncedFileIntoNewWithLfLineEndingsAndItsSizeInTheName() throws Exception {
        Maildir maildir = Maildir.open(dir.resolve("box"));
        Path delivered = deliver(maildir, "Return-Path: <a@x>\n", "Subject: hi\r\n\r\nbody\r\n.line\r\n");

        assertThat(Files.readString(delivered)).isEqualTo("Return-Path: <a@x>\nSubject: hi\n\nbody\n.line\n");
        assertThat(delivered.getParent()).isEqualTo(maildir.newDirectory());
        var name = java.util.regex.Pattern.compile(NAME).matcher(delivered.getFileName().toString());
        assertThat(name.matches()).as(delivered.getFileName().toString()).isTrue();
        assertThat(Long.parseLong(name.group(1))).isEqualTo(Files.size(delivered));
        assertThat(DeliveredFiles.in(maildir.tmp())).isEmpty();
        assertThat(writer.directories().fsyncCount()).isEqualTo(1);
    }

    @Test
    void keepsCrlfWhenConfigured() throws Exception {
        MaildirWriter crlf = new MaildirWriter(MaildirName.forThisProcess("mx1"), LineEnding.CRLF, FsyncMode.NEVER);
        Maildir maildir = Maildir.open(dir.resolve("box"));
        Path delivered = crlf.commit(crlf.stage(maildir, new byte[0], content("a: b\r\n\r\nc\r\n")));
        assertThat(Files.readString(delivered)).isEqualTo("a: b\r\n\r\nc\r\n");
    }

    @Test
    void keepsALoneCarriageReturnAndOneAtTheVeryEnd() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LfOutputStream lf = new LfOutputStream(bytes);
        lf.write("a\rb\r".getBytes(StandardCharsets.US_ASCII));
        lf.write('\n');
        lf.write("c\r".getBytes(StandardCharsets.US_ASCII));
        lf.finish();
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("a\rb\nc\r");
    }

    @Test
    void createsTmpNewAndCurInsideAnExistingDirectoryThatLacksThem() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.createDirectory(existing.resolve("cur"));
        Maildir maildir = Maildir.open(existing);
        deliver(maildir, "", "a: b\r\n\r\n");
        assertThat(existing.resolve("tmp")).isDirectory();
        assertThat(DeliveredFiles.newOf(existing)).hasSize(1);
    }

    @Test
    void makesDirectoriesOwnerOnlyAndFilesOwnerReadWrite() throws Exception {
        Maildir maildir = Maildir.open(dir.resolve("a/b"));
        Path delivered = deliver(maildir, "", "a: b\r\n\r\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(delivered))).isEqualTo("rw-------");
        for (Path d : new Path[] {dir.resolve("a"), maildir.root(), maildir.tmp(), maildir.newDirectory(), maildir.cur()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void groupModesAreSetExactlyWhateverTheUmask() throws Exception {
        Maildir maildir = Maildir.open(dir.resolve("shared"), FileModes.parse("0770", "0660"));
        Path delivered = deliver(maildir, "", "a: b\r\n\r\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(delivered))).isEqualTo("rw-rw----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(maildir.newDirectory())))
                .isEqualTo("rwxrwx---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(maildir.subfolder("f").root()
                .resolve("maildirfolder")))).isEqualTo("rw-rw----");
    }

    @Test
    void modesMustLetTheOwnerWorkAndBeOctal() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileModes.parse("0600", "0600"))
                .hasMessageContaining("owner");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileModes.parse("0700", "rw"))
                .hasMessageContaining("octal");
    }

    @Test
    void sharedCopiesAreOneInodeUnderDifferentUniqueNames() throws Exception {
        Maildir first = Maildir.open(dir.resolve("one"));
        Maildir second = Maildir.open(dir.resolve("two"));
        StagedMessage staged = writer.stage(first, new byte[0], content("a: b\r\n\r\n"));
        StagedMessage shared = writer.share(staged, second);
        StagedMessage sameBox = writer.share(staged, first);
        Path a = writer.commit(staged);
        Path b = writer.commit(shared);
        Path c = writer.commit(sameBox);
        assertThat(Files.getAttribute(a, "unix:ino")).isEqualTo(Files.getAttribute(b, "unix:ino"));
        assertThat(a.getFileName()).isNotEqualTo(b.getFileName()).isNotEqualTo(c.getFileName());
        assertThat(DeliveredFiles.newOf(first.root())).hasSize(2);
    }

    @Test
    void subfolderGetsTheMaildirfolderMarker() throws Exception {
        Maildir folder = Maildir.open(dir.resolve("box")).subfolder("lists");
        assertThat(folder.root()).isEqualTo(dir.resolve("box/.lists"));
        assertThat(folder.root().resolve("maildirfolder")).isEmptyFile();
        assertThat(folder.newDirectory()).isDirectory();
    }

    @Test
    void hostNameCharactersThatBreakNamesAreEscaped() {
        assertThat(MaildirName.safeHost("a/b:c,d")).isEqualTo("a\\057b\\072c\\054d");
    }

    private Path deliver(Maildir maildir, String prefix, String message) throws Exception {
        Path delivered = writer.commit(writer.stage(maildir, prefix.getBytes(StandardCharsets.UTF_8), content(message)));
        writer.sync(delivered.getParent());
        return delivered;
    }

    static MessageContent content(String crlfText) {
        byte[] bytes = crlfText.getBytes(StandardCharsets.UTF_8);
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public MimeMessage mimeMessage() {
                throw new UnsupportedOperationException();
            }
        };
    }
}

package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmpSweeperTest {
    @TempDir
    Path root;

    private final MaildirName names = MaildirName.forThisProcess("mx1");
    private final long self = ProcessHandle.current().pid();

    @Test
    void removesOnlyFilesCertainlyLeftByADeadProcessOrOlderThan36Hours() throws Exception {
        Path tmp = Maildir.open(root.resolve("example.com/alice")).tmp();
        long dead = deadPid();
        Path ofDeadProcess = Files.createFile(tmp.resolve("1700000000.M1P" + dead + "Q1.mx1"));
        Path ofLiveProcess = Files.createFile(tmp.resolve(names.next()));
        Path ofOtherHost = Files.createFile(tmp.resolve("1700000000.M1P" + dead + "Q1.mx2"));
        Path foreignRecent = Files.createFile(tmp.resolve("1700000000.12345.other"));
        Path foreignOld = Files.createFile(tmp.resolve("1600000000.999.other"));
        Files.setLastModifiedTime(foreignOld, FileTime.from(Instant.now().minus(Duration.ofHours(37))));
        Path ownPidFromBeforeThisProcess = Files.createFile(tmp.resolve("1600000000.M1P" + self + "Q1.mx1"));
        Files.setLastModifiedTime(ownPidFromBeforeThisProcess, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        assertThat(new TmpSweeper(names).sweep(root)).isEqualTo(3);

        assertThat(ofDeadProcess).doesNotExist();
        assertThat(foreignOld).doesNotExist();
        assertThat(ownPidFromBeforeThisProcess).doesNotExist();
        assertThat(ofLiveProcess).exists();
        assertThat(ofOtherHost).exists();
        assertThat(foreignRecent).exists();
    }

    @Test
    void leavesNewAndCurAlone() throws Exception {
        Maildir maildir = Maildir.open(root);
        Path delivered = Files.createFile(maildir.newDirectory().resolve("1700000000.M1P" + deadPid() + "Q1.mx1,S=0"));
        new TmpSweeper(names).sweep(root);
        assertThat(delivered).exists();
    }

    /** A pid that ran and has ended: that of a finished child process. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}

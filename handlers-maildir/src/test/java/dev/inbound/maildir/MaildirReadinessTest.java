package dev.inbound.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's readiness: a root it can make and write, on a disk with min-free left. */
class MaildirReadinessTest {
    @TempDir
    Path dir;

    @Test
    void readyWithARootNotMadeYetUnderAWritableDirectory() {
        assertThat(new MaildirHandler(MaildirSettings.single(dir.resolve("mail/inbox"))).notReady()).isEmpty();
    }

    @Test
    void notReadyWhenTheRootCannotBeADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        MaildirHandler handler = new MaildirHandler(MaildirSettings.single(file.resolve("inbox")));
        assertThat(handler.notReady()).hasValueSatisfying(reason -> assertThat(reason)
                .contains(file.resolve("inbox").toString()).contains("not a writable directory"));
    }

    @Test
    void notReadyWhenTheDiskHasLessThanMinFree() {
        long moreThanAnyDisk = Long.MAX_VALUE / 2;
        MaildirHandler handler = new MaildirHandler(MaildirSettings.builder(dir).minFree(moreThanAnyDisk).build());
        assertThat(handler.notReady()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("less than min-free " + moreThanAnyDisk));
    }
}

package dev.inbound.maildir;

import java.nio.file.Path;

/**
 * One recipient's copy, complete and (unless fsync is off) on disk in {@code tmp/}, not yet
 * visible to readers. {@code name} is its unique name; in {@code new/} it gets {@code ,S=size}.
 */
record StagedMessage(Maildir maildir, Path tmpFile, String name, long size) {
    /** Where {@link MaildirWriter#commit} puts it. */
    Path newFile() {
        return maildir.newDirectory().resolve(MaildirName.withSize(name, size));
    }
}

package dev.inbound.maildir;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unique Maildir file names, {@code <secs>.M<usec>P<pid>Q<seq>.<host>}, as D. J. Bernstein's
 * "modern" identifiers and Python's {@code mailbox} make them; in {@code new/} the name also
 * carries {@code ,S=<size>}, the file's size in bytes, which Dovecot trusts instead of a stat.
 *
 * <p>The sequence number counts up for the life of the process and the pid changes with each
 * process, so a name is never made twice, not even for two recipients of one message in the
 * same microsecond: each hard link in {@code new/} gets its own name.
 *
 * <pre>{@code
 * MaildirName names = MaildirName.forThisProcess();
 * String tmp = names.next();              // 1764446400.M123456P4242Q1.mx1
 * String stored = MaildirName.withSize(tmp, 1234); // 1764446400.M123456P4242Q1.mx1,S=1234
 * }</pre>
 */
public final class MaildirName {
    // <secs>.M<usec>P<pid>Q<seq>.<host>, optionally followed by ,S=... or :2,... as readers add them.
    private static final Pattern OURS = Pattern.compile("\\d+\\.M\\d+P(\\d+)Q\\d+\\.([^,:]+)(?:[,:].*)?");

    private final long pid;
    private final String host;
    private final AtomicLong sequence = new AtomicLong();

    MaildirName(long pid, String hostname) {
        this.pid = pid;
        this.host = safeHost(hostname);
    }

    /** Names for this JVM, on the local host name (the part before the first dot, as Dovecot does not). */
    public static MaildirName forThisProcess(String hostname) {
        return new MaildirName(ProcessHandle.current().pid(), hostname);
    }

    /** The next name, without the size. */
    public String next() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + pid + "Q" + sequence.incrementAndGet()
                + "." + host;
    }

    /** {@code name} with the Maildir++ size field {@code ,S=<size>}. */
    public static String withSize(String name, long size) {
        return name + ",S=" + size;
    }

    /** The host part as it goes into names. */
    public String host() {
        return host;
    }

    /** The pid in a name this class made on {@code host()}, or empty for anyone else's name. */
    OptionalLong pidIfOurHost(String name) {
        Matcher m = OURS.matcher(name);
        if (!m.matches() || !m.group(2).equals(host)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The host name with '/' and ':' written as {@code \057} and {@code \072}, as the Maildir
     * specification says, and ',' as {@code \054} because ',' starts the size field.
     */
    static String safeHost(String hostname) {
        StringBuilder out = new StringBuilder();
        for (char c : hostname.toCharArray()) {
            switch (c) {
                case '/' -> out.append("\\057");
                case ':' -> out.append("\\072");
                case ',' -> out.append("\\054");
                default -> out.append(c < 0x21 || c > 0x7e ? '_' : c);
            }
        }
        return out.length() == 0 ? "localhost" : out.toString();
    }
}

package dev.inbound.maildir;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A recipient address taken apart for finding its mailbox: local part, plus-address
 * extension and domain, each also as a path segment that cannot leave the mail root.
 *
 * <p>Postfix's {@code virtual(8)} looks recipients up case-insensitively, so both the domain
 * and the local part are folded to lower case here ({@code Bob@Example.COM} and
 * {@code bob@example.com} share a mailbox). The address written into {@code Delivered-To} is
 * the one the client gave, unchanged.
 *
 * <p>Path segments: letters, digits, {@code - _ + .} and {@code @} stay as they are; every
 * other byte of the UTF-8 form is written {@code =XX} in hex (so {@code =} itself is
 * {@code =3D}), and a leading dot is {@code =2E}, so no segment is {@code .}, {@code ..}, a
 * hidden file or a Maildir++ folder name. The mapping is one-to-one, so two addresses never
 * share a directory by accident. Control characters and NUL are refused outright.
 *
 * <pre>{@code
 * MailboxAddress a = MailboxAddress.parse("Alice+Lists@Example.com", "+").orElseThrow();
 * a.localSegment();  // "alice"
 * a.domainSegment(); // "example.com"
 * a.folder();        // Optional.of("lists")
 * }</pre>
 */
public final class MailboxAddress {
    private static final Pattern FOLDER = Pattern.compile("[a-z0-9_-]{1,64}");

    private final String original;
    private final String local;
    private final String extension;
    private final String domain;

    private MailboxAddress(String original, String local, String extension, String domain) {
        this.original = original;
        this.local = local;
        this.extension = extension;
        this.domain = domain;
    }

    /**
     * Parses {@code address}; {@code delimiter} separates the extension ({@code "+"}, or empty
     * for none). Empty when the address has no usable local part or domain or holds control
     * characters.
     */
    public static Optional<MailboxAddress> parse(String address, String delimiter) {
        if (address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            // RFC 5321 lets <postmaster> go without a domain; it is postmaster@localhost here.
            return address.equalsIgnoreCase("postmaster")
                    ? Optional.of(new MailboxAddress(address, "postmaster", null, "localhost"))
                    : Optional.empty();
        }
        if (at == 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.startsWith("\"") && local.endsWith("\"") && local.length() >= 2) {
            local = local.substring(1, local.length() - 1); // a quoted local part names the same mailbox unquoted
        }
        String extension = null;
        int plus = delimiter.isEmpty() ? -1 : local.indexOf(delimiter);
        if (plus > 0) {
            extension = local.substring(plus + delimiter.length());
            local = local.substring(0, plus);
        }
        if (local.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MailboxAddress(address, local, extension, domain));
    }

    /** The address as the client sent it, for {@code Delivered-To}. */
    public String original() {
        return original;
    }

    /** {@code local@domain}, lower case, without the extension: the key of a mailbox map. */
    public String withoutExtension() {
        return local + "@" + domain;
    }

    /** {@code local+extension@domain}, lower case, or {@link #withoutExtension()} if there is no extension. */
    public String withExtension(String delimiter) {
        return extension == null ? withoutExtension() : local + delimiter + extension + "@" + domain;
    }

    public String domain() {
        return domain;
    }

    public String localSegment() {
        return segment(local);
    }

    public String domainSegment() {
        return segment(domain);
    }

    /**
     * The Maildir++ folder the extension selects, or empty for the INBOX. Only
     * {@code [a-z0-9_-]{1,64}} selects a folder; an empty or other extension delivers to the
     * INBOX, as Postfix delivers {@code user+@} to {@code user}. Dots are not allowed because
     * Maildir++ uses them to nest folders.
     */
    public Optional<String> folder() {
        return extension != null && FOLDER.matcher(extension).matches() ? Optional.of(extension) : Optional.empty();
    }

    /** {@code text} as one safe path segment (see the class comment). */
    static String segment(String text) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || b == '+' || b == '@' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('=').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return original;
    }
}

package dev.inbound.smtp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the path of MAIL FROM and RCPT TO: {@code <local@domain>}, {@code <>}, a source
 * route (kept out of the address, as RFC 5321 appendix C asks), and, leniently, an address
 * without brackets. Non-ASCII is let through here; whether it is allowed is the command's call.
 */
final class PathParser {
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\x{80}-\\x{10FFFF}]";
    /** The ASCII characters of {@link #ATEXT}. */
    private static final BitSet ATEXT_ASCII = asciiAtext();
    static final Pattern DOT_STRING = Pattern.compile(ATEXT + "+(\\." + ATEXT + "+)*");
    private static final Pattern QUOTED_STRING =
            Pattern.compile("\"([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E\\x{80}-\\x{10FFFF}]|\\\\[\\x20-\\x7E])*\"");
    private static final String LABEL = "[A-Za-z0-9\\x{80}-\\x{10FFFF}]([A-Za-z0-9_\\-\\x{80}-\\x{10FFFF}]*"
            + "[A-Za-z0-9\\x{80}-\\x{10FFFF}])?";
    static final Pattern DOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    /** RFC 5321 4.1.3: IPv4, {@code IPv6:...}, or a tagged general literal. */
    private static final Pattern ADDRESS_LITERAL = Pattern.compile(
            "\\[((25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}"
            + "|IPv6:[0-9A-Fa-f:.]{2,45}"
            + "|[A-Za-z0-9-]*[A-Za-z0-9]:[\\x21-\\x5A\\x5E-\\x7E]+)\\]");
    /** RFC 5321 4.5.3.1.2 and RFC 1035: a domain of at most 255 octets, labels of at most 63. */
    private static final int MAX_DOMAIN = 255;
    private static final int MAX_LABEL = 63;
    private static final Pattern SOURCE_ROUTE = Pattern.compile("@[^,:]+(,@[^,:]+)*:");

    /** What was read: the address (empty for {@code <>}) and whatever followed the path. */
    record Path(String address, String rest) {
    }

    /** Thrown for text that is not a path at all (501), as opposed to a malformed address (553). */
    static final class SyntaxException extends Exception {
        SyntaxException() {
            super(null, null, false, false);
        }
    }

    private PathParser() {
    }

    /**
     * Splits {@code text} (what follows {@code FROM:} or {@code TO:}) into path and rest.
     * Returns {@code null} for a malformed address.
     */
    static Path parse(String text) throws SyntaxException {
        String s = text.stripLeading();
        if (s.isEmpty()) {
            throw new SyntaxException();
        }
        String inside;
        String rest;
        if (s.charAt(0) == '<') {
            int close = closingBracket(s);
            if (close < 0) {
                throw new SyntaxException();
            }
            inside = s.substring(1, close);
            rest = s.substring(close + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ' ') {
                throw new SyntaxException();
            }
        } else {
            int space = s.indexOf(' ');
            inside = space < 0 ? s : s.substring(0, space);
            rest = space < 0 ? "" : s.substring(space);
            if (inside.indexOf('<') >= 0 || inside.indexOf('>') >= 0) {
                throw new SyntaxException();
            }
        }
        String address = mailbox(inside);
        return address == null ? null : new Path(address, rest.strip());
    }

    /** True for the recipient every site must accept without a domain (RFC 5321 4.5.1). */
    static boolean isPostmaster(String address) {
        return address.equalsIgnoreCase("postmaster");
    }

    static boolean domainLengthsOk(String domain) {
        if (domain.getBytes(StandardCharsets.UTF_8).length > MAX_DOMAIN) {
            return false;
        }
        for (String label : domain.split("\\.")) {
            if (label.length() > MAX_LABEL) {
                return false;
            }
        }
        return true;
    }

    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String mailbox(String path) {
        if (path.isEmpty()) {
            return "";
        }
        String mailbox = path;
        if (path.charAt(0) == '@') {
            Matcher route = SOURCE_ROUTE.matcher(path);
            mailbox = route.lookingAt() ? path.substring(route.end()) : path;
        }
        if (isPostmaster(mailbox)) {
            return mailbox;
        }
        int at = mailbox.lastIndexOf('@');
        if (at <= 0 || at == mailbox.length() - 1) {
            return null;
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        boolean localOk = asciiDotString(local) || DOT_STRING.matcher(local).matches()
                || QUOTED_STRING.matcher(local).matches();
        boolean domainOk = asciiDomain(domain)
                || DOMAIN.matcher(domain).matches() && domainLengthsOk(domain)
                || ADDRESS_LITERAL.matcher(domain).matches();
        return localOk && domainOk ? mailbox : null;
    }

    // The two scanners below take the common case, plain ASCII, without a regex: they answer
    // true only where the patterns above would, and false leaves the decision to the patterns.

    /** Whether {@code local} is an ASCII dot-string, as {@link #DOT_STRING} reads it. */
    static boolean asciiDotString(String local) {
        boolean atomStart = true;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    return false;
                }
                atomStart = true;
            } else if (c < 0x80 && ATEXT_ASCII.get(c)) {
                atomStart = false;
            } else {
                return false;
            }
        }
        return !atomStart;
    }

    /** Whether {@code domain} is ASCII labels within the length limits, as {@link #DOMAIN} and {@link #domainLengthsOk} read it. */
    static boolean asciiDomain(String domain) {
        if (domain.length() > MAX_DOMAIN) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i < domain.length() ? domain.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL || !letterOrDigit(domain.charAt(labelStart))
                        || !letterOrDigit(domain.charAt(i - 1))) {
                    return false;
                }
                labelStart = i + 1;
            } else if (!letterOrDigit(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static BitSet asciiAtext() {
        BitSet atext = new BitSet(128);
        for (char c = 0; c < 128; c++) {
            if (letterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0) {
                atext.set(c);
            }
        }
        return atext;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}

package dev.inbound.smtp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splits ESMTP parameters ({@code KEY[=VALUE]}, RFC 5321 4.1.2) and checks their form. */
final class MailParameters {
    private static final Pattern PARAMETER =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*(=[\\x21-\\x3C\\x3E-\\x7E\\x{80}-\\x{10FFFF}]+)?");

    private MailParameters() {
    }

    /** The parameters in {@code text}, or {@code null} if one is malformed. */
    static List<String> split(String text) {
        List<String> parameters = new ArrayList<>();
        int at = 0;
        while (at < text.length()) { // words between runs of spaces, without a regex for the split
            if (text.charAt(at) == ' ') {
                at++;
                continue;
            }
            int end = text.indexOf(' ', at);
            String word = text.substring(at, end < 0 ? text.length() : end);
            if (!PARAMETER.matcher(word).matches()) {
                return null;
            }
            parameters.add(word);
            at += word.length();
        }
        return parameters;
    }

    /** The keyword of a parameter, upper-cased. */
    static String keyword(String parameter) {
        int eq = parameter.indexOf('=');
        return (eq < 0 ? parameter : parameter.substring(0, eq)).toUpperCase(Locale.ROOT);
    }

    /** The value of a parameter, or {@code null} if it has none. */
    static String value(String parameter) {
        int eq = parameter.indexOf('=');
        return eq < 0 ? null : parameter.substring(eq + 1);
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }
}

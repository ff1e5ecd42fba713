package dev.inbound.smtp;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one form in which Inbound compares domain names: Unicode NFC, then IDNA's ASCII form
 * (RFC 3490, "xn--" labels), in lower case. So {@code Bücher.example}, its decomposed
 * spelling and {@code xn--bcher-kva.example} are the same domain, as they are in DNS.
 *
 * <pre>{@code
 * DomainName.canonical("Bücher.Example"); // "xn--bcher-kva.example"
 * }</pre>
 */
public final class DomainName {
    private DomainName() {
    }

    /** {@code domain} in comparable form; a name IDNA refuses is only lower-cased, so it matches only itself. */
    public static String canonical(String domain) {
        String nfc = Normalizer.normalize(domain.strip(), Normalizer.Form.NFC);
        try {
            return IDN.toASCII(nfc, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notIdna) {
            return nfc.toLowerCase(Locale.ROOT);
        }
    }
}

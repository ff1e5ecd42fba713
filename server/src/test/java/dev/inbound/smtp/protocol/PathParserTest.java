package dev.inbound.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Paths as MAIL FROM and RCPT TO read them, and the ASCII scanners that spare the common case
 * the regular expressions: they may only ever say yes where the expressions would.
 */
class PathParserTest {
    @ParameterizedTest
    @ValueSource(strings = {"<a@example.org>", "<first.last+tag@mail.example.org>", "<x_y@sub-1.example.org>",
            "<\"quoted local\"@example.org>", "<j\u00f6rg@b\u00fccher.example>", "<a@[192.0.2.1]>",
            "<a@[IPv6:2001:db8::1]>", "<@relay.example,@other.example:a@example.org>", "a@example.org",
            "<a@under_score.example>", "<!#$%&'*+/=?^_`{|}~-@example.org>"})
    void wellFormedAddressesAreRead(String path) throws Exception {
        assertThat(PathParser.parse(path)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<.a@example.org>", "<a.@example.org>", "<a..b@example.org>", "<a@-example.org>",
            "<a@example-.org>", "<a@example..org>", "<a@.example.org>", "<a@example.org.>", "<a b@example.org>",
            "<a@exa mple.org>", "<@example.org>", "<a@>", "<a@[300.0.0.1]>", "<a@_x.example>"})
    void malformedAddressesAreNot(String path) throws Exception {
        assertThat(PathParser.parse(path)).isNull();
    }

    @Test
    void labelAndDomainLengthsAreEnforced() throws Exception {
        String label63 = "a".repeat(63);
        assertThat(PathParser.parse("<a@" + label63 + ".example>")).isNotNull();
        assertThat(PathParser.parse("<a@" + label63 + "b.example>")).isNull();
        String domain255 = (label63 + ".").repeat(3) + "b".repeat(63); // 4 * 63 + 3 = 255
        assertThat(PathParser.parse("<a@" + domain255 + ">")).isNotNull();
        assertThat(PathParser.parse("<a@" + domain255 + "b>")).isNull();
    }

    @Test
    void theScannersNeverAcceptWhatTheExpressionsRefuse() {
        Random random = new Random(42);
        String alphabet = "aZ09.-_@!#~\"\\ []:\u00e9\u0000";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            if (PathParser.asciiDotString(s)) {
                assertThat(PathParser.DOT_STRING.matcher(s).matches()).as("dot-string %s", s).isTrue();
            }
            if (PathParser.asciiDomain(s)) {
                assertThat(PathParser.DOMAIN.matcher(s).matches() && PathParser.domainLengthsOk(s))
                        .as("domain %s", s).isTrue();
            }
        }
    }
}

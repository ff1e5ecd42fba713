package dev.inbound.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings come from the builder only, and compare by value, as hosts and tests compare them. */
class ServerSettingsTest {

    private static SmtpServer.Builder configured() {
        return SmtpServer.builder().hostname("mx.example").port(2525).maxRecipients(9)
                .acceptDomains(Set.of("Example.COM")).proxyTrusted("10.0.0.0/8", "::1")
                .proxyTimeout(Duration.ofSeconds(3));
    }

    @Test
    void hasNoPublicConstructor() {
        assertThat(ServerSettings.class.getConstructors()).isEmpty();
    }

    @Test
    void settingsBuiltAlikeAreEqualAndOneDifferenceIsEnough() {
        ServerSettings settings = configured().build().settings();

        assertThat(settings).isEqualTo(configured().build().settings())
                .hasSameHashCodeAs(configured().build().settings());
        assertThat(settings).isNotEqualTo(configured().maxRecipients(10).build().settings());
        assertThat(settings).isNotEqualTo(configured().proxyTrusted("10.0.0.0/8").build().settings());
        assertThat(settings).isNotEqualTo(configured().startTls(false).build().settings());
    }

    @Test
    void showsEveryValueByName() {
        assertThat(configured().build().settings().toString()).startsWith("ServerSettings{listeners=[")
                .contains("hostname=mx.example", "maxRecipients=9", "acceptDomains=[example.com]",
                        "proxyTrusted=[10.0.0.0/8, ::1]", "proxyTimeout=PT3S");
    }

    @Test
    void keepsTheProxyNetworksAsGivenAndRefusesABadOneAtOnce() {
        ServerSettings settings = configured().build().settings();
        assertThat(settings.proxyTrusted()).containsExactly("10.0.0.0/8", "::1");
        assertThat(settings.proxyTimeout()).isEqualTo(Duration.ofSeconds(3));

        assertThatThrownBy(() -> SmtpServer.builder().proxyTrusted("10.0.0.0/8", "10.1.2.3/8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.1.2.3/8");
    }
}

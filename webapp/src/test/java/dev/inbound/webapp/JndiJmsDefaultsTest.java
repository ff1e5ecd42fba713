package dev.inbound.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JndiJmsDefaultsTest {
    private final JndiJmsDefaults defaults = new JndiJmsDefaults();

    @Test
    void jmsWithoutABrokerTakesFactoryAndDestinationFromJavaCompEnv() {
        assertThat(defaults.complete("jms", Map.of("fan-out", "true"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "fan-out", "true",
                "connection-factory", "java:comp/env/jms/ConnectionFactory",
                "destination", "jndi:java:comp/env/jms/Mail"));
    }

    @Test
    void aGivenDestinationStays() {
        assertThat(defaults.complete("jms", Map.of("destination", "queue:orders")))
                .containsEntry("destination", "queue:orders")
                .containsEntry("connection-factory", "java:comp/env/jms/ConnectionFactory");
    }

    @Test
    void aNamedBrokerOrAnotherHandlerGetsNothingAdded() {
        Map<String, String> url = Map.of("url", "tcp://broker:61616");
        Map<String, String> factory = Map.of("connection-factory", "java:comp/env/jms/Other");
        assertThat(defaults.complete("jms", url)).isEqualTo(url);
        assertThat(defaults.complete("jms", factory)).isEqualTo(factory);
        assertThat(defaults.complete("maildir", Map.of("root", "/var/mail"))).isEqualTo(Map.of("root", "/var/mail"));
    }
}

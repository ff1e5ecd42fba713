package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerChainTest {
    @Test
    void prefixedOptionsGoToTheirHandlerAndOthersToTheFirst() {
        HandlerChain chain = HandlerChain.parse("maildir, store");
        Map<String, String> options = Map.of("root", "/var/mail", "store.max-messages", "5", "maildir.mode", "single");
        assertThat(chain.optionsFor("maildir", options)).containsExactlyInAnyOrderEntriesOf(
                Map.of("root", "/var/mail", "mode", "single"));
        assertThat(chain.optionsFor("store", options)).containsExactlyEntriesOf(Map.of("max-messages", "5"));
    }

    @Test
    void aDottedKeyThatNamesNoHandlerInTheChainIsTheFirstHandlers() {
        HandlerChain chain = HandlerChain.parse("jms,store");
        assertThat(chain.optionsFor("jms", Map.of("route.orders.example.com", "mail.orders")))
                .containsExactlyEntriesOf(Map.of("route.orders.example.com", "mail.orders"));
    }

    @Test
    void theStoreIsAddedLastOnlyWhenMissing() {
        assertThat(HandlerChain.parse("console").withStore()).hasToString("console,store");
        assertThat(HandlerChain.parse("store,maildir").withStore()).hasToString("store,maildir");
    }

    @Test
    void refusesEmptyAndRepeatedNames() {
        assertThatThrownBy(() -> HandlerChain.parse("console,")).hasMessageContaining("empty name");
        assertThatThrownBy(() -> HandlerChain.parse("store,store")).hasMessageContaining("twice");
    }
}

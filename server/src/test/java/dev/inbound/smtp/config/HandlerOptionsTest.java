package dev.inbound.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerOptionsTest {
    private static ServerConfiguration read(Map<String, String> options) {
        return ServerConfiguration.builder().source("the test", options).read();
    }

    private static Map<String, String> optionsOf(String handler, Map<String, String> given) {
        return read(given).handlerOptions(handler);
    }

    @Test
    void prefixedOptionsGoToTheirHandlerAndOthersToTheFirst() {
        Map<String, String> given = Map.of("handler", "relay, collector",
                "handler-option", "host=mx.example,collector.x=1,relay.port=2525");
        assertThat(optionsOf("relay", given)).containsExactlyInAnyOrderEntriesOf(Map.of("host", "mx.example", "port", "2525"));
        assertThat(optionsOf("collector", given)).containsExactlyEntriesOf(Map.of("x", "1"));
    }

    @Test
    void aDottedKeyThatNamesNoHandlerInTheChainIsTheFirstHandlers() {
        Map<String, String> given = Map.of("handler", "relay,sink", "handler-option", "route.orders.example=mail.orders");
        assertThat(optionsOf("relay", given)).containsExactlyEntriesOf(Map.of("route.orders.example", "mail.orders"));
    }

    @Test
    void aHandlersOwnOptionsComeFromOptionsNamedAfterItAndLoseToHandlerOption() {
        Map<String, String> given = Map.of("handler", "relay", "relay-host", "mx.example", "relay-port", "2525",
                "handler-option", "port=2626", "console-stream", "stderr");
        assertThat(optionsOf("relay", given)).containsExactlyInAnyOrderEntriesOf(Map.of("host", "mx.example", "port", "2626"));
    }

    @Test
    void everyHandlerOptionIsAServerOptionInItsOwnSection() {
        assertThat(ServerConfiguration.sections()).anySatisfy(section -> {
            assertThat(section.title()).startsWith("Handler relay");
            assertThat(section.options()).extracting(option -> option.name()).contains("relay-host", "relay-port");
        });
    }

    @Test
    void theChainKeepsItsOrderAndAddsAHandlerOnlyWhenMissing() {
        assertThat(read(Map.of("handler", "sink, console")).handlerNames()).containsExactly("sink", "console");
        assertThat(read(Map.of("handler", "console")).withHandler("sink").handlerNames()).containsExactly("console", "sink");
        assertThat(read(Map.of("handler", "sink,console")).withHandler("sink").handlerNames())
                .isEqualTo(List.of("sink", "console"));
    }

    @Test
    void refusesARepeatedOrMissingName() {
        assertThatThrownBy(() -> read(Map.of("handler", "sink,sink"))).hasMessageContaining("names sink twice");
        assertThatThrownBy(() -> read(Map.of("handler", " , "))).hasMessageContaining("names no handler");
    }
}

package dev.inbound.smtp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "localhost:8025, localhost, 8025",
        "127.0.0.1:0,    127.0.0.1, 0",
        "[::1]:2525,     ::1,       2525",
        "[::],           ::,        -",
        ":2525,          -,         2525",
        "mail.example,   mail.example, -",
        "::1,            ::1,       -"})
    void parsesHostAndPort(String value, String host, Integer port) {
        assertThat(ListenAddress.parse(value)).isEqualTo(new ListenAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "host:", "host:port", "host:65536", "[::1", "[::1]2525", ":-1"})
    void refusesWhatIsNotAnAddress(String value) {
        assertThatThrownBy(() -> ListenAddress.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be HOST:PORT");
    }
}

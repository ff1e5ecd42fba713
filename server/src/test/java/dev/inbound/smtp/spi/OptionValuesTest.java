package dev.inbound.smtp.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionValuesTest {
    enum Mode { SINGLE, PER_RECIPIENT }

    private static final OptionSpec<String> HOST = OptionSpec.string("host", "HOST", "where to").required();
    private static final OptionSpec<Integer> PORT = OptionSpec.integer("port", 1, 65535, "its port").defaultValue("25");
    private static final OptionSpec<Long> SIZE = OptionSpec.bytes("size", "how much");
    private static final OptionSpec<Duration> TIMEOUT = OptionSpec.seconds("timeout", "how long").defaultValue("60");
    private static final OptionSpec<Boolean> FAN_OUT = OptionSpec.flag("fan-out", "split").defaultValue("false");
    private static final OptionSpec<Mode> MODE = OptionSpec.choice("mode", "how", Mode.class).defaultValue("single");
    private static final OptionSpec<String> ROUTE = OptionSpec.prefixed("route", "DOMAIN", "where a domain goes");
    private static final OptionSpec<String> PASSWORD = OptionSpec.string("password", "PASSWORD", "secret").secret();
    private static final List<OptionSpec<?>> ALL = List.of(HOST, PORT, SIZE, TIMEOUT, FAN_OUT, MODE, ROUTE, PASSWORD);

    @Test
    void parsesEachFormAndFillsInDefaults() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("host", "mx.example");
        given.put("size", "50M");
        given.put("mode", "per-recipient");
        given.put("route.orders.example", "queue:orders");
        given.put("fan-out", "true");
        OptionValues values = OptionValues.parse("handler 'test'", ALL, given);

        assertThat(values.get(HOST)).isEqualTo("mx.example");
        assertThat(values.get(PORT)).isEqualTo(25);
        assertThat(values.get(SIZE)).isEqualTo(50L << 20);
        assertThat(values.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(values.get(FAN_OUT)).isTrue();
        assertThat(values.get(MODE)).isEqualTo(Mode.PER_RECIPIENT);
        assertThat(values.prefixed(ROUTE)).containsExactly(Map.entry("orders.example", "queue:orders"));
        assertThat(values.given(HOST)).isTrue();
        assertThat(values.given(PORT)).isFalse();
        assertThat(values.get(PASSWORD)).isNull();
    }

    @Test
    void namesEveryProblemAtOnceAndTheOptionsThereAre() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptionValues.parse("handler 'test'", ALL,
                        Map.of("hots", "x", "port", "70000", "mode", "double", "size", "lots")))
                .withMessageStartingWith("Handler 'test' has no option hots; it takes host, port, size, timeout, fan-out,"
                        + " mode, route.DOMAIN, password")
                .withMessageContaining("option port must be a whole number from 1 to 65535, not '70000'")
                .withMessageContaining("option mode must be single or per-recipient, not 'double'")
                .withMessageContaining("option size must be a byte count")
                .withMessageContaining("needs option host (where to)");
    }

    @Test
    void neverEchoesASecretValue() {
        OptionSpec<Integer> pin = OptionSpec.integer("pin", 0, 9999, "the pin").secret();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptionValues.parse("handler 'test'", List.of(pin), Map.of("pin", "hunter2")))
                .withMessage("Handler 'test' option pin must be a whole number from 0 to 9999");
    }

    @Test
    void aFactoryWithoutOptionsRefusesAny() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptionValues.parse("handler 'sink'", List.of(), Map.of("x", "1")))
                .withMessage("Handler 'sink' has no option x; it takes none");
    }

    @Test
    void aBadDefaultFailsWhereItIsDeclared() {
        assertThatIllegalArgumentException().isThrownBy(() -> OptionSpec.integer("port", 1, 9, "p").defaultValue("10"));
    }

    @Test
    void readsByteCountsWithSuffixes() {
        assertThat(SIZE.parse("512k")).isEqualTo(512L << 10);
        assertThat(SIZE.parse("2G")).isEqualTo(2L << 30);
        assertThat(SIZE.parse("1024")).isEqualTo(1024);
        assertThatIllegalArgumentException().isThrownBy(() -> SIZE.parse("-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> SIZE.parse("9999999999G"));
    }
}

package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "1000, 1000", "1K, 1024", "512k, 524288", "32M, 33554432", "2G, 2147483648"})
    void readsPlainNumbersAndBinarySuffixes(String value, long bytes) {
        assertThat(new ByteSize().convert(value)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "M", "-1", "1.5M", "1T", "10MB", "99999999999999999G"})
    void refusesWhatIsNotASize(String value) {
        assertThatThrownBy(() -> new ByteSize().convert(value)).isInstanceOf(TypeConversionException.class);
    }
}

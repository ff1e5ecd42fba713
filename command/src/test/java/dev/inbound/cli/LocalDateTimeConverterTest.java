package dev.inbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code %localDateTime} writes what {@code %d{yyyy-MM-dd HH:mm:ss.SSS}} does, for any order of lines. */
class LocalDateTimeConverterTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final LoggerContext context = new LoggerContext();
    private final LocalDateTimeConverter converter = new LocalDateTimeConverter();

    private String at(long millis) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO, "m", null, null);
        event.setTimeStamp(millis);
        return converter.convert(event);
    }

    @Test
    void matchesTheDatePatternAcrossMillisecondsSecondsAndBackwards() {
        long base = Instant.parse("2026-12-03T23:59:58.000Z").toEpochMilli();
        long[] offsets = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1999, 2000, 2005, 1500, 0, 86_400_000L + 7, -1, -1001};
        for (long offset : offsets) {
            long millis = base + offset;
            assertThat(at(millis)).as("at %d", millis).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
    }

    @Test
    void beforeTheEpochToo() {
        for (long millis : new long[] {-1, -999, -1000, -1001, -86_400_123L}) {
            assertThat(at(millis)).as("at %d", millis).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
    }
}

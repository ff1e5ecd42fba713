package dev.inbound.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code %localDateTime} in the command's text log pattern: when the line was logged, in the
 * system's time zone, as {@code yyyy-MM-dd HH:mm:ss.SSS}, what {@code %d{yyyy-MM-dd HH:mm:ss.SSS}}
 * writes. Logback formats that anew for every millisecond, and Java 17 formats the fraction
 * through a {@code BigDecimal}; this formats the date and time once a second and appends the
 * milliseconds' three digits.
 */
public final class LocalDateTimeConverter extends ClassicConverter {
    private static final DateTimeFormatter TO_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.", Locale.ROOT);

    private final ZoneId zone = ZoneId.systemDefault();
    /** The last second written; lines come from one writer thread, but a stale one only costs a format. */
    private volatile Second last = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        long epochSecond = Math.floorDiv(millis, 1000);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_SECOND.format(Instant.ofEpochSecond(epochSecond).atZone(zone)));
            last = second;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        return second.text() + (char) ('0' + ms / 100) + (char) ('0' + ms / 10 % 10) + (char) ('0' + ms % 10);
    }
}

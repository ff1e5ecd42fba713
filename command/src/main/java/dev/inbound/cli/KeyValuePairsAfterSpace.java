package dev.inbound.cli;

import ch.qos.logback.classic.pattern.KeyValuePairConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %kvps} in the command's text log pattern: a line's {@code key="value"} fields after a
 * space, or nothing when it has none. It replaces {@code %replace( %kvp){'^ $', ''}}, which ran
 * a regular expression over every line.
 */
public final class KeyValuePairsAfterSpace extends KeyValuePairConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String pairs = super.convert(event);
        return pairs.isEmpty() ? "" : " " + pairs;
    }
}

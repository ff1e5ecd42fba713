package dev.inbound.cli;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.TypeConversionException;

/**
 * One value of {@code --proxy-protocol}: {@code MODE} for every listener, or {@code KIND=MODE}
 * for the listeners of one kind ({@code smtps=required}).
 *
 * @param kind the listener kind, or {@code null} for all
 * @param mode off, optional or required
 */
record ProxyProtocolOption(Listener.Kind kind, ProxyMode mode) {

    /** Parses {@code value}; throws {@link TypeConversionException} with a message for the user. */
    static ProxyProtocolOption parse(String value) {
        int equals = value.indexOf('=');
        String kind = equals < 0 ? null : value.substring(0, equals);
        String mode = value.substring(equals + 1);
        try {
            return new ProxyProtocolOption(kind == null ? null : Listener.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    ProxyMode.valueOf(mode.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not MODE or KIND=MODE, MODE being off, optional or"
                    + " required and KIND one of " + Arrays.stream(Listener.Kind.values())
                            .map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}

package dev.inbound.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A number of bytes as users write it: {@code 1048576}, {@code 512K}, {@code 32M}, {@code 1G} (powers of 1024). */
final class ByteSize implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String number = value.strip().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (!number.isEmpty()) {
            switch (number.charAt(number.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> shift = 0;
            }
        }
        if (shift > 0) {
            number = number.substring(0, number.length() - 1);
        }
        try {
            long bytes = Long.parseLong(number);
            if (bytes >= 0 && bytes <= Long.MAX_VALUE >> shift) {
                return bytes << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + value + "' is not a size in bytes, such as 1048576, 512K, 32M or 1G");
    }
}

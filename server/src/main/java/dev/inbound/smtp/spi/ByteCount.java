package dev.inbound.smtp.spi;

import java.util.Locale;

/** Byte counts as people write them: {@code 1024}, {@code 64K}, {@code 50M}, {@code 2G} (powers of 1024). */
final class ByteCount {
    private ByteCount() {
    }

    static long parse(String value) {
        String digits = value.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = digits.isEmpty() ? ' ' : digits.charAt(digits.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long count = Long.parseLong(digits);
            if (count >= 0) {
                return Math.multiplyExact(count, unit);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a byte count such as 1048576, 64K, 50M or 2G");
    }
}

package dev.inbound.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code --listen}: {@code HOST:PORT}, {@code [IPV6]:PORT}, {@code :PORT} or
 * {@code HOST}. A part left out is {@code null}, so the server's own default applies.
 *
 * @param host the address to bind, without brackets, or {@code null}
 * @param port the port, or {@code null}
 */
record ListenAddress(String host, Integer port) {

    /** Parses {@code value}; throws {@link TypeConversionException} with a message for the user. */
    static ListenAddress parse(String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw invalid(value);
            }
            host = value.substring(1, close);
            port = close + 1 < value.length() ? value.substring(close + 2) : null;
        } else if (value.indexOf(':') != value.lastIndexOf(':')) {
            host = value; // a bare IPv6 address: its colons are not a port separator
            port = null;
        } else {
            int colon = value.indexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (host.isEmpty() && port == null) {
            throw invalid(value);
        }
        return new ListenAddress(host.isEmpty() ? null : host, port == null ? null : port(value, port));
    }

    private static int port(String value, String port) {
        try {
            int number = Integer.parseInt(port);
            if (number >= 0 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(value);
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not HOST:PORT, [IPV6]:PORT, :PORT or HOST"
                + " (PORT from 0 to 65535)");
    }
}

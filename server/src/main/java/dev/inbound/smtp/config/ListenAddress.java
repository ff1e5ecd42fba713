package dev.inbound.smtp.config;

/**
 * An address to listen on as users write it: {@code HOST:PORT}, {@code [IPV6]:PORT},
 * {@code :PORT} or {@code HOST}. A part left out is {@code null}, for a default to fill.
 *
 * <pre>{@code
 * ListenAddress.parse("[::1]:2525");   // host ::1, port 2525
 * ListenAddress.parse(":2525").host(); // null
 * }</pre>
 *
 * @param host the address to bind, without brackets, or {@code null}
 * @param port the port, or {@code null}
 */
public record ListenAddress(String host, Integer port) {

    /** Parses {@code value}; throws {@link IllegalArgumentException} saying what it must be. */
    public static ListenAddress parse(String value) {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                throw invalid();
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
            throw invalid();
        }
        return new ListenAddress(host.isEmpty() ? null : host, port == null ? null : port(port));
    }

    /** The host, or {@code fallback} when it was left out. */
    public String hostOr(String fallback) {
        return host == null ? fallback : host;
    }

    /** The port, or {@code fallback} when it was left out. */
    public int portOr(int fallback) {
        return port == null ? fallback : port;
    }

    private static int port(String port) {
        try {
            int number = Integer.parseInt(port);
            if (number >= 0 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid();
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("must be HOST:PORT, [IPV6]:PORT, :PORT or HOST (PORT from 0 to 65535)");
    }
}

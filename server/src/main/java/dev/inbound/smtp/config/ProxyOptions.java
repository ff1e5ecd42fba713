package dev.inbound.smtp.config;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** Who may put a PROXY protocol header in front of a connection, and on which listeners one is read. */
final class ProxyOptions implements OptionGroup {
    static final OptionSpec<List<Mode>> PROTOCOL = OptionSpec.list("proxy-protocol", "MODE|KIND=MODE",
            "Read a PROXY protocol header (v1 or v2, as HAProxy's send-proxy sends) in front of each connection: off,"
                    + " optional or required; for every listener, or per kind as smtp=MODE, smtps=MODE or lmtp=MODE"
                    + " (default off). Needs --proxy-trusted.", Mode::parse);
    static final OptionSpec<List<String>> TRUSTED = OptionSpec.list("proxy-trusted", "CIDR",
            "Networks of the proxies allowed to send a PROXY header, such as 10.0.0.0/8 or 2001:db8::/32; a bare"
                    + " address is one host. Anyone else who sends one is disconnected.", network -> network);
    static final OptionSpec<Duration> TIMEOUT = OptionSpec.seconds("proxy-timeout",
            "How long a connection may take to send its PROXY header.").defaultValue("10");

    @Override
    public List<OptionSection> sections() {
        return List.of(new OptionSection("PROXY protocol", List.of(PROTOCOL, TRUSTED, TIMEOUT)));
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        List<Mode> modes = Objects.requireNonNullElse(values.get(PROTOCOL), List.of());
        List<String> trusted = Objects.requireNonNullElse(values.get(TRUSTED), List.<String>of());
        if (trusted.isEmpty() && modes.stream().anyMatch(mode -> mode.mode() != ProxyMode.OFF)) {
            throw new IllegalArgumentException(
                    "--proxy-protocol needs --proxy-trusted: the networks of the proxies allowed to send a header");
        }
        for (Mode mode : modes) {
            if (mode.kind() == null) {
                builder.proxyProtocol(mode.mode());
            } else {
                builder.proxyProtocol(mode.kind(), mode.mode());
            }
        }
        try {
            builder.proxyTrusted(trusted.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--proxy-trusted: " + e.getMessage());
        }
        builder.proxyTimeout(values.get(TIMEOUT));
    }

    /**
     * One value of {@code --proxy-protocol}: {@code MODE} for every listener, or
     * {@code KIND=MODE} for the listeners of one kind ({@code smtps=required}).
     *
     * @param kind the listener kind, or {@code null} for all
     */
    record Mode(Listener.Kind kind, ProxyMode mode) {
        static Mode parse(String value) {
            int equals = value.indexOf('=');
            String kind = equals < 0 ? null : value.substring(0, equals);
            try {
                return new Mode(kind == null ? null : Listener.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                        ProxyMode.valueOf(value.substring(equals + 1).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be MODE or KIND=MODE, MODE being off, optional or required and"
                        + " KIND one of " + Arrays.stream(Listener.Kind.values())
                                .map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
    }
}

package dev.inbound.smtp.config;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.time.Duration;
import java.util.List;

/** How many clients at once, and how long each may take. */
final class ConnectionOptions implements OptionGroup {
    static final OptionSpec<Integer> MAX_CONNECTIONS = OptionSpec.integer("max-connections", 1, Integer.MAX_VALUE,
            "Connections at once.").label("COUNT").defaultValue("1000");
    static final OptionSpec<Integer> MAX_CONNECTIONS_PER_IP = OptionSpec.integer("max-connections-per-ip", 1,
            Integer.MAX_VALUE, "Connections at once from one address.").label("COUNT").defaultValue("50");
    static final OptionSpec<Duration> TIMEOUT = OptionSpec.seconds("timeout",
            "How long a client may take over a command.").defaultValue("300");
    static final OptionSpec<Duration> DATA_TIMEOUT = OptionSpec.seconds("data-timeout",
            "How long one message may take to arrive.").defaultValue("3600");
    static final OptionSpec<Long> MIN_DATA_RATE = OptionSpec.bytes("min-data-rate",
            "Slowest average rate, in bytes per second, at which a message may arrive.")
            .label("BYTES_PER_SECOND").defaultValue("500");

    @Override
    public List<OptionSection> sections() {
        return List.of(new OptionSection("Connections",
                List.of(MAX_CONNECTIONS, MAX_CONNECTIONS_PER_IP, TIMEOUT, DATA_TIMEOUT, MIN_DATA_RATE)));
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        builder.maxConnections(values.get(MAX_CONNECTIONS))
                .maxConnectionsPerIp(values.get(MAX_CONNECTIONS_PER_IP))
                .idleTimeout(values.get(TIMEOUT))
                .dataTimeout(values.get(DATA_TIMEOUT))
                .minDataRate(values.get(MIN_DATA_RATE));
    }
}

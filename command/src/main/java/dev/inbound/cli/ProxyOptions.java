package dev.inbound.cli;

import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code inbound} command's PROXY protocol options. */
final class ProxyOptions {
    @Option(names = "--proxy-protocol", paramLabel = "MODE|KIND=MODE", split = ",",
            description = "Read a PROXY protocol header (v1 or v2, as HAProxy's send-proxy sends) in front of each"
                    + " connection: off, optional or required; for every listener, or per kind as smtp=MODE, smtps=MODE or"
                    + " lmtp=MODE (default off). Needs --proxy-trusted.")
    private List<ProxyProtocolOption> proxyProtocol = new ArrayList<>();

    @Option(names = "--proxy-trusted", paramLabel = "CIDR", split = ",",
            description = "Networks of the proxies allowed to send a PROXY header, such as 10.0.0.0/8 or"
                    + " 2001:db8::/32; a bare address is one host. Anyone else who sends one is disconnected.")
    private List<String> proxyTrusted = new ArrayList<>();

    @Option(names = "--proxy-timeout", paramLabel = "SECONDS",
            description = "How long a connection may take to send its PROXY header (default 10).")
    private Long proxyTimeout;

    void applyTo(SmtpServer.Builder builder) {
        if (proxyTrusted.isEmpty() && proxyProtocol.stream().anyMatch(option -> option.mode() != ProxyMode.OFF)) {
            throw new IllegalArgumentException(
                    "--proxy-protocol needs --proxy-trusted: the networks of the proxies allowed to send a header");
        }
        for (ProxyProtocolOption option : proxyProtocol) {
            if (option.kind() == null) {
                builder.proxyProtocol(option.mode());
            } else {
                builder.proxyProtocol(option.kind(), option.mode());
            }
        }
        try {
            builder.proxyTrusted(proxyTrusted.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--proxy-trusted: " + e.getMessage());
        }
        InboundCommand.apply(proxyTimeout, seconds -> builder.proxyTimeout(Duration.ofSeconds(seconds)));
    }
}

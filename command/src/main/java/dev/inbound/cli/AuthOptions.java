package dev.inbound.cli;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.auth.PasswordFileAuthenticator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code inbound} command's AUTH and relay options. */
final class AuthOptions {
    @Option(names = "--auth-file", paramLabel = "FILE",
            description = "Offer AUTH, checked against this password file (see 'inbound passwd').")
    private Path authFile;

    @Option(names = "--auth-required", fallbackValue = "true",
            description = "Refuse MAIL, RCPT, DATA, BDAT and VRFY until the client has authenticated (needs --auth-file).")
    private Boolean authRequired;

    @Option(names = "--auth-require-tls", negatable = true, fallbackValue = "true",
            description = "Offer AUTH only over TLS (default on).")
    private Boolean authRequireTls;

    @Option(names = "--accept-domains", paramLabel = "DOMAIN", split = ",",
            description = "Take recipients only in these domains from unauthenticated clients (default any domain).")
    private Set<String> acceptDomains = new LinkedHashSet<>();

    void applyTo(SmtpServer.Builder builder) {
        if (Boolean.TRUE.equals(authRequired) && authFile == null) {
            throw new IllegalArgumentException("--auth-required needs --auth-file");
        }
        if (authFile != null) {
            try {
                builder.authenticator(new PasswordFileAuthenticator(authFile));
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read --auth-file " + authFile + ": " + e.getCause());
            }
        }
        InboundCommand.apply(authRequired, builder::authRequired);
        InboundCommand.apply(authRequireTls, builder::authRequireTls);
        builder.acceptDomains(acceptDomains);
    }
}

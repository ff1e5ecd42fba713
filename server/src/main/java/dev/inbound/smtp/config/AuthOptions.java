package dev.inbound.smtp.config;

import dev.inbound.smtp.PasswordFileAuthenticator;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** AUTH, and whose mail the server takes. */
final class AuthOptions implements OptionGroup {
    static final OptionSpec<Path> FILE = OptionSpec.path("auth-file",
            "Offer AUTH, checked against this password file (see 'inbound passwd').").label("FILE");
    static final OptionSpec<Boolean> REQUIRED = OptionSpec.flag("auth-required",
            "Refuse MAIL, RCPT, DATA, BDAT and VRFY until the client has authenticated (needs --auth-file).")
            .defaultValue("false");
    static final OptionSpec<Boolean> REQUIRE_TLS = OptionSpec.flag("auth-require-tls", "Offer AUTH only over TLS.")
            .defaultValue("true");
    static final OptionSpec<List<String>> ACCEPT_DOMAINS = OptionSpec.list("accept-domains", "DOMAIN",
            "Take recipients only in these domains from unauthenticated clients (default any domain).", domain -> domain);

    @Override
    public List<OptionSection> sections() {
        return List.of(new OptionSection("AUTH and relaying", List.of(FILE, REQUIRED, REQUIRE_TLS, ACCEPT_DOMAINS)));
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        Path file = values.get(FILE);
        if (values.get(REQUIRED) && file == null) {
            throw new IllegalArgumentException("--auth-required needs --auth-file");
        }
        if (file != null) {
            try {
                builder.authenticator(new PasswordFileAuthenticator(file));
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read --auth-file " + file + ": " + e.getCause());
            }
        }
        builder.authRequired(values.get(REQUIRED)).authRequireTls(values.get(REQUIRE_TLS));
        List<String> domains = values.get(ACCEPT_DOMAINS);
        if (domains != null) {
            builder.acceptDomains(new LinkedHashSet<>(domains));
        }
    }
}

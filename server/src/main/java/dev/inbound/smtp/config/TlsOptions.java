package dev.inbound.smtp.config;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.TlsSettings;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.nio.file.Path;
import java.util.List;

/** Where the TLS keys come from, STARTTLS, implicit TLS. */
final class TlsOptions implements OptionGroup {
    static final OptionSpec<Path> CERT = OptionSpec.path("tls-cert",
            "PEM certificate chain, server certificate first; with --tls-key. Reread when it changes.").label("FILE");
    static final OptionSpec<Path> KEY = OptionSpec.path("tls-key", "PEM PKCS#8 private key (RSA or EC) for --tls-cert.")
            .label("FILE");
    static final OptionSpec<Path> KEYSTORE = OptionSpec.path("tls-keystore",
            "PKCS#12 keystore with the server's key, instead of --tls-cert and --tls-key.").label("FILE");
    static final OptionSpec<String> KEYSTORE_PASSWORD = OptionSpec.string("tls-keystore-password", "PASSWORD",
            "Password of --tls-keystore.").secret();
    static final OptionSpec<Boolean> SELF_SIGNED = OptionSpec.flag("tls-self-signed",
            "Make a self-signed certificate at start, for test targets.").defaultValue("false");
    static final OptionSpec<Boolean> STARTTLS = OptionSpec.flag("starttls",
            "Offer STARTTLS on --listen, --submission and --lmtp when there are TLS keys.").defaultValue("true");
    static final OptionSpec<Integer> PORT = OptionSpec.integer("tls-port", 0, 65535,
            "Also listen on this port, on the --listen host, with implicit TLS (SMTPS, e.g. 465).").label("PORT");
    static final OptionSpec<Boolean> REQUIRE_STARTTLS = OptionSpec.flag("require-starttls",
            "Before STARTTLS allow only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT.").defaultValue("false");
    static final OptionSpec<Boolean> ASK_CLIENT_CERTIFICATE = OptionSpec.flag("ask-client-certificate",
            "Ask TLS clients for a certificate, to log it and show it to the handler.").defaultValue("false");

    @Override
    public List<OptionSection> sections() {
        return List.of(new OptionSection("TLS", List.of(CERT, KEY, KEYSTORE, KEYSTORE_PASSWORD, SELF_SIGNED, STARTTLS,
                PORT, REQUIRE_STARTTLS, ASK_CLIENT_CERTIFICATE)));
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        boolean requireStartTls = values.get(REQUIRE_STARTTLS);
        if (requireStartTls && !values.get(STARTTLS)) {
            throw new IllegalArgumentException("--require-starttls needs STARTTLS, which --no-starttls turns off");
        }
        TlsSettings keys = keys(values);
        Integer port = values.get(PORT);
        if (keys == null && (port != null || requireStartTls)) {
            throw new IllegalArgumentException((port != null ? "--tls-port" : "--require-starttls")
                    + " needs TLS keys: --tls-cert and --tls-key, --tls-keystore or --tls-self-signed");
        }
        if (keys != null) {
            builder.tls(keys);
        }
        if (port != null) {
            builder.implicitTlsPort(port);
        }
        builder.startTls(values.get(STARTTLS))
                .requireStartTls(requireStartTls)
                .askClientCertificate(values.get(ASK_CLIENT_CERTIFICATE));
    }

    /** The one source of TLS keys the options name, or null for none. */
    private static TlsSettings keys(OptionValues values) {
        Path cert = values.get(CERT);
        Path key = values.get(KEY);
        Path keystore = values.get(KEYSTORE);
        boolean selfSigned = values.get(SELF_SIGNED);
        int sources = (cert != null || key != null ? 1 : 0) + (keystore != null ? 1 : 0) + (selfSigned ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("Give one of --tls-cert/--tls-key, --tls-keystore or --tls-self-signed");
        }
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            return TlsSettings.pem(cert, key);
        }
        if (keystore != null) {
            String password = values.get(KEYSTORE_PASSWORD);
            return TlsSettings.pkcs12(keystore, password == null ? "" : password);
        }
        return selfSigned ? TlsSettings.selfSigned() : null;
    }
}

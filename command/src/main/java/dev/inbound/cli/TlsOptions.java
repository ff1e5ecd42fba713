package dev.inbound.cli;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.TlsSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code inbound} command's TLS options: where the keys come from, STARTTLS, implicit TLS. */
final class TlsOptions {
    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain, server certificate first; with --tls-key. Reread when it changes.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key (RSA or EC) for --tls-cert.")
    private Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS#12 keystore with the server's key, instead of --tls-cert and --tls-key.")
    private Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            description = "Password of --tls-keystore; better given as INBOUND_TLS_KEYSTORE_PASSWORD.")
    private String tlsKeystorePassword;

    @Option(names = "--tls-self-signed", fallbackValue = "true",
            description = "Make a self-signed certificate at start, for test targets.")
    private boolean tlsSelfSigned;

    @Option(names = "--starttls", negatable = true, fallbackValue = "true",
            description = "Offer STARTTLS on --listen and --lmtp when there are TLS keys (default on).")
    private Boolean startTls;

    @Option(names = "--tls-port", paramLabel = "PORT",
            description = "Also listen on this port, on the --listen host, with implicit TLS (SMTPS, e.g. 465).")
    private Integer tlsPort;

    @Option(names = "--require-starttls", fallbackValue = "true",
            description = "Before STARTTLS allow only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT.")
    private Boolean requireStartTls;

    @Option(names = "--ask-client-certificate", fallbackValue = "true",
            description = "Ask TLS clients for a certificate, to log it and show it to the handler.")
    private Boolean askClientCertificate;

    void applyTo(SmtpServer.Builder builder) {
        InboundCommand.apply(tlsSettings(), builder::tls);
        InboundCommand.apply(startTls, builder::startTls);
        InboundCommand.apply(tlsPort, builder::implicitTlsPort);
        InboundCommand.apply(requireStartTls, builder::requireStartTls);
        InboundCommand.apply(askClientCertificate, builder::askClientCertificate);
    }

    /** The one source of TLS keys the options name, or null for none. */
    private TlsSettings tlsSettings() {
        int sources = (tlsCert != null || tlsKey != null ? 1 : 0) + (tlsKeystore != null ? 1 : 0) + (tlsSelfSigned ? 1 : 0);
        if (Boolean.TRUE.equals(requireStartTls) && Boolean.FALSE.equals(startTls)) {
            throw new IllegalArgumentException("--require-starttls needs STARTTLS, which --no-starttls turns off");
        }
        if (sources > 1) {
            throw new IllegalArgumentException("Give one of --tls-cert/--tls-key, --tls-keystore or --tls-self-signed");
        }
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new IllegalArgumentException("--tls-cert and --tls-key go together");
            }
            return TlsSettings.pem(tlsCert, tlsKey);
        }
        if (tlsKeystore != null) {
            return TlsSettings.pkcs12(tlsKeystore, tlsKeystorePassword == null ? "" : tlsKeystorePassword);
        }
        if (tlsSelfSigned) {
            return TlsSettings.selfSigned();
        }
        if (tlsPort != null || Boolean.TRUE.equals(requireStartTls)) {
            throw new IllegalArgumentException((tlsPort != null ? "--tls-port" : "--require-starttls")
                    + " needs TLS keys: --tls-cert and --tls-key, --tls-keystore or --tls-self-signed");
        }
        return null;
    }
}

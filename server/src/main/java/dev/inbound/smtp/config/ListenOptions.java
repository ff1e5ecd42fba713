package dev.inbound.smtp.config;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.util.List;

/** Where the server listens, and the name it gives itself. */
final class ListenOptions implements OptionGroup {
    static final OptionSpec<ListenAddress> LISTEN = address("listen",
            "Address and port to listen on for SMTP, also [IPV6]:PORT or :PORT (default localhost:8025).");
    static final OptionSpec<ListenAddress> SUBMISSION = address("submission",
            "Also listen for SMTP here, the submission port, e.g. 0.0.0.0:587, with the policy of the --submission-*"
                    + " options (a missing host is the --listen host, a missing port 587).");
    static final OptionSpec<ListenAddress> LMTP = address("lmtp",
            "Also listen for LMTP (RFC 2033) here, e.g. 127.0.0.1:24 (a missing host is localhost, a missing port 24);"
                    + " without --listen, listen for LMTP only.");
    static final OptionSpec<String> HOSTNAME = OptionSpec.string("hostname", "NAME",
            "Name the server gives itself (default this machine's name).");
    static final OptionSpec<String> IDENT = OptionSpec.string("ident", "TEXT", "Text after the hostname in the greeting.")
            .defaultValue("Inbound");

    /** Where the server listens when no --listen is given; the builder's default too. */
    private static final String HOST = "localhost";
    /** 24 is what Dovecot and others use. */
    private static final int LMTP_PORT = 24;
    /** RFC 6409. */
    private static final int SUBMISSION_PORT = 587;

    private static OptionSpec<ListenAddress> address(String name, String help) {
        return OptionSpec.of(name, "HOST:PORT", help, ListenAddress::parse);
    }

    @Override
    public List<OptionSection> sections() {
        return List.of(new OptionSection("Listening", List.of(LISTEN, SUBMISSION, LMTP, HOSTNAME, IDENT)));
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        ListenAddress listen = values.get(LISTEN);
        if (listen != null) {
            if (listen.host() != null) {
                builder.bind(listen.host());
            }
            if (listen.port() != null) {
                builder.port(listen.port());
            }
        }
        ListenAddress submission = values.get(SUBMISSION);
        if (submission != null) {
            builder.submission(submission.hostOr(listen == null ? HOST : listen.hostOr(HOST)),
                    submission.portOr(SUBMISSION_PORT));
        }
        ListenAddress lmtp = values.get(LMTP);
        if (lmtp != null) {
            builder.lmtp(lmtp.hostOr(HOST), lmtp.portOr(LMTP_PORT));
        }
        String hostname = values.get(HOSTNAME);
        if (hostname != null) {
            builder.hostname(hostname);
        }
        builder.ident(values.get(IDENT));
    }
}

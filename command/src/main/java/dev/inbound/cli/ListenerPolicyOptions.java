package dev.inbound.cli;

import dev.inbound.smtp.DomainName;
import dev.inbound.smtp.ListenerPolicy;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options that give one listener a policy of its own, as Postfix's {@code master.cf}
 * overrides do: {@code --submission-auth-required}, {@code --smtp-accept-domains},
 * {@code --smtps-size}, {@code --lmtp-require-starttls}, {@code --smtp-proxy-protocol}, ..., for
 * each of the listeners {@code smtp} ({@code --listen}), {@code submission}, {@code smtps}
 * ({@code --tls-port}) and {@code lmtp}. Made in code, one set per listener, so that they are
 * options like any other: {@code INBOUND_SUBMISSION_AUTH_REQUIRED=true} and
 * {@code submission-auth-required=true} in the {@code --config} file work too. Left out, a
 * listener has the server-wide setting ({@code --auth-required}, {@code --accept-domains}, ...).
 */
final class ListenerPolicyOptions {
    private static final List<String> LISTENERS = List.of("smtp", "submission", "smtps", "lmtp");

    private ListenerPolicyOptions() {
    }

    /** Adds every listener's policy options to {@code spec}. */
    static void addTo(CommandSpec spec) {
        for (String listener : LISTENERS) {
            spec.addOption(flag(listener, "auth-required", "Refuse MAIL before AUTH (530 5.7.0) on this listener."));
            spec.addOption(OptionSpec.builder("--" + listener + "-accept-domains").paramLabel("DOMAIN")
                    .type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                    .description("Recipient domains this listener takes from unauthenticated clients; an empty value"
                            + " takes any domain.").build());
            spec.addOption(flag(listener, "require-starttls", "Allow only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT"
                    + " before TLS on this listener."));
            spec.addOption(OptionSpec.builder("--" + listener + "-size").paramLabel("BYTES").type(Long.class)
                    .converters(new ByteSize()).description("Largest message on this listener (K, M, G; 0 for no limit).")
                    .build());
            spec.addOption(OptionSpec.builder("--" + listener + "-proxy-protocol").paramLabel("off|optional|required")
                    .type(ProxyMode.class).description("Whether connections to this listener begin with a PROXY header.")
                    .build());
        }
    }

    private static OptionSpec flag(String listener, String name, String description) {
        return OptionSpec.builder("--" + listener + "-" + name).type(Boolean.class).arity("0..1").fallbackValue("true")
                .paramLabel("true|false").description(description).build();
    }

    /** Hands the policies given in {@code spec} to {@code builder}, one {@code policy(...)} per listener that has any. */
    static void applyTo(CommandSpec spec, SmtpServer.Builder builder) {
        for (String listener : LISTENERS) {
            Boolean authRequired = value(spec, listener, "auth-required");
            List<String> acceptDomains = value(spec, listener, "accept-domains");
            Boolean requireStartTls = value(spec, listener, "require-starttls");
            Long size = value(spec, listener, "size");
            ProxyMode proxy = value(spec, listener, "proxy-protocol");
            if (authRequired == null && acceptDomains == null && requireStartTls == null && size == null && proxy == null) {
                continue;
            }
            Consumer<ListenerPolicy.Builder> overrides = policy -> {
                InboundCommand.apply(authRequired, policy::authRequired);
                InboundCommand.apply(acceptDomains, domains -> policy.acceptDomains(new LinkedHashSet<>(
                        domains.stream().map(String::strip).filter(d -> !DomainName.canonical(d).isEmpty()).toList())));
                InboundCommand.apply(requireStartTls, policy::requireStartTls);
                InboundCommand.apply(size, policy::maxMessageSize);
                InboundCommand.apply(proxy, policy::proxy);
            };
            builder.policy(listener, overrides);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(CommandSpec spec, String listener, String name) {
        return (T) spec.findOption("--" + listener + "-" + name).getValue();
    }
}

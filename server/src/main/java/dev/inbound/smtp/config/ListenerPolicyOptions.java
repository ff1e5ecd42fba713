package dev.inbound.smtp.config;

import dev.inbound.smtp.ListenerPolicy;
import dev.inbound.smtp.ProxyMode;
import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.spi.OptionSpec;
import dev.inbound.smtp.spi.OptionValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * The options that give one listener a policy of its own, as Postfix's {@code master.cf}
 * overrides do: {@code submission-auth-required}, {@code smtp-accept-domains},
 * {@code smtps-size}, {@code lmtp-require-starttls}, {@code smtp-proxy-protocol}, for each of
 * the listeners {@code smtp} ({@code --listen}), {@code submission}, {@code smtps}
 * ({@code --tls-port}) and {@code lmtp}. Left out, a listener has the server-wide setting.
 */
final class ListenerPolicyOptions implements OptionGroup {
    private static final List<String> LISTENERS = List.of("smtp", "submission", "smtps", "lmtp");

    /** One listener's options. */
    private record Policy(String listener, OptionSpec<Boolean> authRequired, OptionSpec<List<String>> acceptDomains,
            OptionSpec<Boolean> requireStartTls, OptionSpec<Long> size, OptionSpec<ProxyMode> proxy) {

        static Policy of(String listener) {
            return new Policy(listener,
                    OptionSpec.flag(listener + "-auth-required", "Refuse MAIL before AUTH (530 5.7.0) on this listener."),
                    OptionSpec.list(listener + "-accept-domains", "DOMAIN", "Recipient domains this listener takes from"
                            + " unauthenticated clients; an empty value takes any domain.", domain -> domain),
                    OptionSpec.flag(listener + "-require-starttls",
                            "Allow only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT before TLS on this listener."),
                    OptionSpec.bytes(listener + "-size", "Largest message on this listener (K, M, G; 0 for no limit)."),
                    OptionSpec.choice(listener + "-proxy-protocol",
                            "Whether connections to this listener begin with a PROXY header.", ProxyMode.class));
        }

        List<OptionSpec<?>> options() {
            return List.of(authRequired, acceptDomains, requireStartTls, size, proxy);
        }
    }

    private final List<Policy> policies = LISTENERS.stream().map(Policy::of).toList();

    @Override
    public List<OptionSection> sections() {
        List<OptionSection> sections = new ArrayList<>();
        for (Policy policy : policies) {
            sections.add(new OptionSection("Listener " + policy.listener(), policy.options()));
        }
        return sections;
    }

    @Override
    public void applyTo(OptionValues values, SmtpServer.Builder builder) {
        for (Policy policy : policies) {
            if (policy.options().stream().noneMatch(values::given)) {
                continue;
            }
            Consumer<ListenerPolicy.Builder> overrides = listener -> {
                if (values.given(policy.authRequired())) {
                    listener.authRequired(values.get(policy.authRequired()));
                }
                if (values.given(policy.acceptDomains())) {
                    listener.acceptDomains(new LinkedHashSet<>(values.get(policy.acceptDomains())));
                }
                if (values.given(policy.requireStartTls())) {
                    listener.requireStartTls(values.get(policy.requireStartTls()));
                }
                if (values.given(policy.size())) {
                    listener.maxMessageSize(values.get(policy.size()));
                }
                if (values.given(policy.proxy())) {
                    listener.proxy(values.get(policy.proxy()));
                }
            };
            builder.policy(policy.listener(), overrides);
        }
    }
}

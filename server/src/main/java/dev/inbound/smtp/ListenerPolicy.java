package dev.inbound.smtp;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one listener asks of its clients: AUTH, the recipient domains taken without it, TLS
 * before mail, the largest message, and whether connections begin with a PROXY header. The
 * server-wide {@link SmtpServer.Builder} settings are every listener's defaults;
 * {@link SmtpServer.Builder#policy} changes them for one listener.
 *
 * <pre>{@code
 * SmtpServer.builder().port(25).acceptDomains(Set.of("example.com"))
 *         .submission("0.0.0.0", 587).authenticator(users)
 *         .policy("submission", p -> p.authRequired(true).acceptDomains(Set.of()))
 *         .build();
 * }</pre>
 *
 * @param authRequired whether MAIL, RCPT, DATA, BDAT and VRFY wait for a successful AUTH (530 5.7.0)
 * @param acceptDomains the recipient domains taken from unauthenticated clients, {@link DomainName#canonical};
 *     empty for any domain, others get 554 5.7.1
 * @param requireStartTls whether only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT are allowed before TLS
 * @param maxMessageSize bytes a message may have, 0 for no limit
 * @param proxy whether connections begin with a PROXY protocol header
 */
public record ListenerPolicy(boolean authRequired, Set<String> acceptDomains, boolean requireStartTls,
        long maxMessageSize, ProxyMode proxy) {
    /** The builder's defaults: no AUTH required, any domain, no TLS required, 32 MiB, no PROXY header. */
    public static final ListenerPolicy DEFAULTS = new ListenerPolicy(false, Set.of(), false, 32L * 1024 * 1024,
            ProxyMode.OFF);

    public ListenerPolicy {
        acceptDomains = acceptDomains.stream().map(DomainName::canonical)
                .filter(d -> !d.isEmpty()).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(proxy);
        if (maxMessageSize < 0) {
            throw new IllegalArgumentException("maxMessageSize must be at least 0: " + maxMessageSize);
        }
    }

    /** A builder starting from this policy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a policy, the others kept. */
    public static final class Builder {
        private boolean authRequired;
        private Set<String> acceptDomains;
        private boolean requireStartTls;
        private long maxMessageSize;
        private ProxyMode proxy;

        private Builder(ListenerPolicy from) {
            this.authRequired = from.authRequired;
            this.acceptDomains = from.acceptDomains;
            this.requireStartTls = from.requireStartTls;
            this.maxMessageSize = from.maxMessageSize;
            this.proxy = from.proxy;
        }

        /** See {@link ListenerPolicy#authRequired()}; needs the server's authenticator. */
        public Builder authRequired(boolean required) {
            this.authRequired = required;
            return this;
        }

        /** See {@link ListenerPolicy#acceptDomains()}. */
        public Builder acceptDomains(Set<String> domains) {
            this.acceptDomains = Set.copyOf(domains);
            return this;
        }

        /** See {@link ListenerPolicy#requireStartTls()}; needs TLS keys, and STARTTLS on a plaintext listener. */
        public Builder requireStartTls(boolean required) {
            this.requireStartTls = required;
            return this;
        }

        /** See {@link ListenerPolicy#maxMessageSize()}; {@link #build()} refuses a negative one. */
        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        /** See {@link ListenerPolicy#proxy()}; needs the server's proxyTrusted networks. */
        public Builder proxy(ProxyMode mode) {
            this.proxy = Objects.requireNonNull(mode);
            return this;
        }

        public ListenerPolicy build() {
            return new ListenerPolicy(authRequired, acceptDomains, requireStartTls, maxMessageSize, proxy);
        }
    }
}

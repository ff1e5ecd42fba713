package dev.inbound.smtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that shapes a server's behaviour, as built by {@link SmtpServer.Builder}, which is
 * the only way to make one. Every limit here answers with a clear reply when a client goes past
 * it. Two settings are equal when every value is.
 *
 * <pre>{@code
 * ServerSettings settings = server.settings();
 * int perIp = settings.maxConnectionsPerIp();
 * Optional<Listener> smtps = settings.listener(Listener.Kind.SMTPS);
 * }</pre>
 */
public final class ServerSettings {
    private final List<Listener> listeners;
    private final String hostname;
    private final String ident;
    private final long maxMessageSize;
    private final boolean smtpUtf8;
    private final boolean receivedHeader;
    private final BareNewlinePolicy bareNewline;
    private final int commandLineLimit;
    private final int textLineLimit;
    private final int maxRecipients;
    private final Duration idleTimeout;
    private final Duration dataTimeout;
    private final long minDataRate;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final int maxUnknownCommands;
    private final int maxErrors;
    private final int spoolThreshold;
    private final Path spoolDirectory;
    private final int workerThreads;
    private final Duration shutdownGrace;
    private final TlsSettings tls;
    private final boolean startTls;
    private final boolean requireStartTls;
    private final boolean askClientCertificate;
    private final Authenticator authenticator;
    private final boolean authRequired;
    private final boolean authRequireTls;
    private final Set<String> acceptDomains;
    private final List<String> proxyTrusted;
    private final Duration proxyTimeout;

    /**
     * What {@code builder} holds, with what its {@link SmtpServer.Builder#build()} resolved and
     * checked: the listeners, the hostname and the server-wide listener policy.
     */
    ServerSettings(SmtpServer.Builder builder, List<Listener> listeners, String hostname, ListenerPolicy defaults) {
        this.listeners = List.copyOf(listeners);
        this.hostname = hostname;
        this.ident = builder.ident;
        this.maxMessageSize = defaults.maxMessageSize();
        this.smtpUtf8 = builder.smtpUtf8;
        this.receivedHeader = builder.receivedHeader;
        this.bareNewline = builder.bareNewline;
        this.commandLineLimit = builder.commandLineLimit;
        this.textLineLimit = builder.textLineLimit;
        this.maxRecipients = builder.maxRecipients;
        this.idleTimeout = builder.idleTimeout;
        this.dataTimeout = builder.dataTimeout;
        this.minDataRate = builder.minDataRate;
        this.maxConnections = builder.maxConnections;
        this.maxConnectionsPerIp = builder.maxConnectionsPerIp;
        this.maxUnknownCommands = builder.maxUnknownCommands;
        this.maxErrors = builder.maxErrors;
        this.spoolThreshold = builder.spoolThreshold;
        this.spoolDirectory = builder.spoolDirectory;
        this.workerThreads = builder.workerThreads;
        this.shutdownGrace = builder.shutdownGrace;
        this.tls = builder.tls;
        this.startTls = builder.startTls;
        this.requireStartTls = defaults.requireStartTls();
        this.askClientCertificate = builder.askClientCertificate;
        this.authenticator = builder.authenticator;
        this.authRequired = defaults.authRequired();
        this.authRequireTls = builder.authRequireTls;
        this.acceptDomains = defaults.acceptDomains();
        this.proxyTrusted = builder.proxyTrusted;
        this.proxyTimeout = builder.proxyTimeout;
    }

    /** The first listener of {@code kind}, if there is one. */
    public Optional<Listener> listener(Listener.Kind kind) {
        return listeners.stream().filter(l -> l.kind() == kind).findFirst();
    }

    /** Where the server listens, and what it speaks there, in the order the ports are bound. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The name in the greeting, the EHLO reply and the Received header. */
    public String hostname() {
        return hostname;
    }

    /** The text after the hostname in the greeting. */
    public String ident() {
        return ident;
    }

    /**
     * Bytes a message may have, 0 for no limit: the default of every listener's
     * {@link ListenerPolicy}, which {@link Listener#policy()} resolves.
     */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** Whether SMTPUTF8 (RFC 6531) is offered. */
    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    /** Whether a Received trace header is put in front of each message. */
    public boolean receivedHeader() {
        return receivedHeader;
    }

    /** What a bare CR or LF inside content leads to. */
    public BareNewlinePolicy bareNewline() {
        return bareNewline;
    }

    /** Octets in a command line, not counting CRLF. */
    public int commandLineLimit() {
        return commandLineLimit;
    }

    /** Octets in a line of content, counting CRLF. */
    public int textLineLimit() {
        return textLineLimit;
    }

    /** Recipients per message. */
    public int maxRecipients() {
        return maxRecipients;
    }

    /** How long a client may take over each command. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long the whole DATA or BDAT phase of one message may take. */
    public Duration dataTimeout() {
        return dataTimeout;
    }

    /** Bytes per second a client must keep up, on average, while sending content. */
    public long minDataRate() {
        return minDataRate;
    }

    /** Connections at once, in total. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections at once from one client address. */
    public int maxConnectionsPerIp() {
        return maxConnectionsPerIp;
    }

    /** Unknown commands before the server closes the connection. */
    public int maxUnknownCommands() {
        return maxUnknownCommands;
    }

    /** Error replies before the server closes the connection. */
    public int maxErrors() {
        return maxErrors;
    }

    /** Bytes of a message kept in memory before the rest goes to a file. */
    public int spoolThreshold() {
        return spoolThreshold;
    }

    /** Where spool files go. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /** Threads that run protocol work and handler hooks. */
    public int workerThreads() {
        return workerThreads;
    }

    /** How long {@link SmtpServer#stop()} waits for messages in transfer. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** Where TLS keys come from, or {@code null} for no TLS. */
    public TlsSettings tls() {
        return tls;
    }

    /** Whether SMTP listeners offer STARTTLS (when there are TLS keys). */
    public boolean startTls() {
        return startTls;
    }

    /**
     * Whether listeners allow only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT before TLS, unless
     * their policy says otherwise.
     */
    public boolean requireStartTls() {
        return requireStartTls;
    }

    /** Whether TLS asks the client for a certificate, to show the handler. */
    public boolean askClientCertificate() {
        return askClientCertificate;
    }

    /** What checks AUTH credentials, or {@code null} for no AUTH. */
    public Authenticator authenticator() {
        return authenticator;
    }

    /**
     * Whether MAIL, RCPT, DATA, BDAT and VRFY wait for a successful AUTH, unless a listener's
     * policy says otherwise.
     */
    public boolean authRequired() {
        return authRequired;
    }

    /** Whether AUTH waits for TLS (RFC 4954 section 4). */
    public boolean authRequireTls() {
        return authRequireTls;
    }

    /**
     * The recipient domains taken from unauthenticated clients, {@link DomainName#canonical};
     * empty for any domain; the default of every listener's policy.
     */
    public Set<String> acceptDomains() {
        return acceptDomains;
    }

    /**
     * The networks of the proxies allowed to send a PROXY protocol header on the listeners that
     * read one, in CIDR notation as given to {@link SmtpServer.Builder#proxyTrusted}; empty for none.
     */
    public List<String> proxyTrusted() {
        return proxyTrusted;
    }

    /**
     * How long a connection may take to send its whole PROXY protocol header; past it the
     * connection is closed without a reply.
     */
    public Duration proxyTimeout() {
        return proxyTimeout;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerSettings settings && values().equals(settings.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "ServerSettings" + values();
    }

    /** Every setting by name, in the order of the accessors: what equals, hashCode and toString read. */
    private Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("listeners", listeners);
        values.put("hostname", hostname);
        values.put("ident", ident);
        values.put("maxMessageSize", maxMessageSize);
        values.put("smtpUtf8", smtpUtf8);
        values.put("receivedHeader", receivedHeader);
        values.put("bareNewline", bareNewline);
        values.put("commandLineLimit", commandLineLimit);
        values.put("textLineLimit", textLineLimit);
        values.put("maxRecipients", maxRecipients);
        values.put("idleTimeout", idleTimeout);
        values.put("dataTimeout", dataTimeout);
        values.put("minDataRate", minDataRate);
        values.put("maxConnections", maxConnections);
        values.put("maxConnectionsPerIp", maxConnectionsPerIp);
        values.put("maxUnknownCommands", maxUnknownCommands);
        values.put("maxErrors", maxErrors);
        values.put("spoolThreshold", spoolThreshold);
        values.put("spoolDirectory", spoolDirectory);
        values.put("workerThreads", workerThreads);
        values.put("shutdownGrace", shutdownGrace);
        values.put("tls", tls);
        values.put("startTls", startTls);
        values.put("requireStartTls", requireStartTls);
        values.put("askClientCertificate", askClientCertificate);
        values.put("authenticator", authenticator);
        values.put("authRequired", authRequired);
        values.put("authRequireTls", authRequireTls);
        values.put("acceptDomains", acceptDomains);
        values.put("proxyTrusted", proxyTrusted);
        values.put("proxyTimeout", proxyTimeout);
        return values;
    }
}

package dev.inbound.smtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything that shapes a server's behaviour, as built by {@link SmtpServer.Builder}. Every
 * limit here answers with a clear reply when a client goes past it.
 *
 * @param listeners where the server listens, and what it speaks there
 * @param hostname name in the greeting, the EHLO reply and the Received header
 * @param ident text after the hostname in the greeting
 * @param maxMessageSize bytes a message may have, 0 for no limit: the default of every listener's
 *     {@link ListenerPolicy}, which {@link Listener#policy()} resolves
 * @param smtpUtf8 whether SMTPUTF8 (RFC 6531) is offered
 * @param receivedHeader whether a Received trace header is put in front of each message
 * @param bareNewline what a bare CR or LF inside content leads to
 * @param commandLineLimit octets in a command line, not counting CRLF
 * @param textLineLimit octets in a line of content, counting CRLF
 * @param maxRecipients recipients per message
 * @param idleTimeout how long a client may take over each command
 * @param dataTimeout how long the whole DATA or BDAT phase of one message may take
 * @param minDataRate bytes per second a client must keep up, on average, while sending content
 * @param maxConnections connections at once, in total
 * @param maxConnectionsPerIp connections at once from one client address
 * @param maxUnknownCommands unknown commands before the server closes the connection
 * @param maxErrors error replies before the server closes the connection
 * @param spoolThreshold bytes of a message kept in memory before the rest goes to a file
 * @param spoolDirectory where spool files go
 * @param workerThreads threads that run protocol work and handler hooks
 * @param shutdownGrace how long {@link SmtpServer#stop()} waits for messages in transfer
 * @param tls where TLS keys come from, or null for no TLS
 * @param startTls whether SMTP listeners offer STARTTLS (when there are TLS keys)
 * @param requireStartTls whether listeners allow only EHLO, LHLO, NOOP, RSET, STARTTLS and QUIT
 *     before TLS, unless their policy says otherwise
 * @param askClientCertificate whether TLS asks the client for a certificate, to show the handler
 * @param authenticator what checks AUTH credentials, or {@code null} for no AUTH
 * @param authRequired whether MAIL, RCPT, DATA, BDAT and VRFY wait for a successful AUTH, unless a
 *     listener's policy says otherwise
 * @param authRequireTls whether AUTH waits for TLS (RFC 4954 section 4)
 * @param acceptDomains the recipient domains taken from unauthenticated clients, {@link DomainName#canonical};
 *     empty for any domain; the default of every listener's policy
 * @param proxy who may send a PROXY protocol header on the listeners that read one
 */
public record ServerSettings(
        List<Listener> listeners,
        String hostname,
        String ident,
        long maxMessageSize,
        boolean smtpUtf8,
        boolean receivedHeader,
        BareNewlinePolicy bareNewline,
        int commandLineLimit,
        int textLineLimit,
        int maxRecipients,
        Duration idleTimeout,
        Duration dataTimeout,
        long minDataRate,
        int maxConnections,
        int maxConnectionsPerIp,
        int maxUnknownCommands,
        int maxErrors,
        int spoolThreshold,
        Path spoolDirectory,
        int workerThreads,
        Duration shutdownGrace,
        TlsSettings tls,
        boolean startTls,
        boolean requireStartTls,
        boolean askClientCertificate,
        Authenticator authenticator,
        boolean authRequired,
        boolean authRequireTls,
        Set<String> acceptDomains,
        ProxySettings proxy) {

    /** The first listener of {@code kind}, if there is one. */
    public java.util.Optional<Listener> listener(Listener.Kind kind) {
        return listeners.stream().filter(l -> l.kind() == kind).findFirst();
    }
}

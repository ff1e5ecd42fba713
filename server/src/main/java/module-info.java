/**
 * Inbound's core: the SMTP and LMTP server, its handler API and the built-in handlers.
 *
 * <p>Only the API is exported: {@code dev.inbound.smtp} (server, listeners, handlers, sessions),
 * {@code dev.inbound.smtp.spi} (named handler factories and their options),
 * {@code dev.inbound.smtp.handlers} (sink, console, collector, relay) and
 * {@code dev.inbound.smtp.config} (a server from options as text: what the command, the WAR and
 * the container read). Protocol, codec,
 * transport, spool, TLS and auth are internals that may change in any release.
 *
 * <p>Example, from a module of your own:
 * <pre>{@code
 * module my.mail.tests {
 *     requires dev.inbound.server;
 * }
 * }</pre>
 */
module dev.inbound.server {
    exports dev.inbound.smtp;
    exports dev.inbound.smtp.spi;
    exports dev.inbound.smtp.handlers;
    exports dev.inbound.smtp.config;
    // MINA's processor pool makes the I/O threads (ResidentNioProcessor) by reflection.
    exports dev.inbound.smtp.transport to org.apache.mina.core;

    // mina-core 2.2.10 names itself in its manifest (Automatic-Module-Name).
    requires org.apache.mina.core;
    // MimeMessage appears in the API (MessageContent), so a user of this module reads jakarta.mail.
    requires transitive jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.slf4j;
    // Optional: only for a self-signed certificate and bcrypt hashes; without it those say so.
    requires static org.bouncycastle.pkix;
    requires static org.bouncycastle.provider;

    uses dev.inbound.smtp.spi.HandlerFactory;
    provides dev.inbound.smtp.spi.HandlerFactory with
            dev.inbound.smtp.handlers.SinkHandlerFactory,
            dev.inbound.smtp.handlers.CollectorHandlerFactory,
            dev.inbound.smtp.handlers.ConsoleHandlerFactory,
            dev.inbound.smtp.handlers.RelayHandlerFactory;
}

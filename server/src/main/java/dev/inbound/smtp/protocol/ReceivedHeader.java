package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Session;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The RFC 5321 section 4.4 trace header the server puts in front of each message. */
final class ReceivedHeader {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    /** The last date written: it changes once a second, messages arrive far more often. */
    private static volatile FormattedDate lastDate = new FormattedDate(Long.MIN_VALUE, "");

    private record FormattedDate(long epochSecond, String text) {
    }

    private ReceivedHeader() {
    }

    static byte[] build(String heloName, InetSocketAddress peer, String hostname, String protocol,
            String id, List<String> recipients) {
        // Sized for the usual header at once: growing a builder copies it, once per message.
        StringBuilder header = new StringBuilder(256).append("Received: from ");
        appendClean(header, heloName);
        header.append(" ([").append(literal(peer)).append("])\r\n\tby ").append(hostname)
                .append(" (Inbound) with ").append(protocol).append(" id ").append(id);
        if (recipients.size() == 1) {
            // Only one recipient is named, so that Bcc recipients stay private (RFC 5321 7.2).
            appendClean(header.append("\r\n\tfor <"), recipients.get(0));
            header.append('>');
        }
        return header.append("; ").append(date()).append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Now, formatted; the zone's offset is looked up once a second, when the text changes. */
    private static String date() {
        FormattedDate last = lastDate;
        long second = Math.floorDiv(System.currentTimeMillis(), 1000);
        if (last.epochSecond() != second) {
            last = new FormattedDate(second, DATE.format(Instant.ofEpochSecond(second).atZone(ZoneId.systemDefault())));
            lastDate = last;
        }
        return last.text();
    }

    /**
     * The "with" protocol name: SMTP, ESMTP, LMTP, UTF8SMTP or UTF8LMTP, then S for TLS and A
     * for AUTH (RFC 3848, RFC 6531): ESMTPS, ESMTPA, LMTPSA, UTF8SMTPSA.
     */
    static String protocol(Session session, boolean smtpUtf8, boolean tls) {
        String transfer = session.lmtp() ? "LMTP" : "SMTP";
        if (!smtpUtf8 && !session.esmtp()) {
            return transfer;
        }
        return (smtpUtf8 ? "UTF8" : session.lmtp() ? "" : "E") + transfer + (tls ? "S" : "")
                + (session.authenticatedUser().isPresent() ? "A" : "");
    }

    private static String literal(InetSocketAddress peer) {
        if (peer.getAddress() == null) {
            return peer.getHostString();
        }
        String ip = peer.getAddress().getHostAddress();
        return ip.indexOf(':') >= 0 ? "IPv6:" + ip : ip;
    }

    /** Client-given names go into a header: keep out anything that could end or fold it. */
    private static void appendClean(StringBuilder header, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            header.append(c < 32 || c == 127 || c == '(' || c == ')' || c == ';' ? '_' : c);
        }
    }
}

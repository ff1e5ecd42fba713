package dev.inbound.smtp.protocol;

import dev.inbound.smtp.Reply;
import dev.inbound.smtp.TlsInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The one INFO line per message, on the logger {@value #NAME} so that operators can route or
 * silence it: its fields are SLF4J key-value pairs, which a JSON encoder writes as fields and
 * the text pattern as {@code key="value"}. In text:
 *
 * <pre>{@code
 * INFO [S1] dev.inbound.message - message session="S1" id="S1-1" client="192.0.2.7" from="a@example.com"
 *     rcpts="2" size="1234" tls="TLSv1.3" auth="alice" result="250 2.0.0" ms="3"
 * }</pre>
 *
 * <p>{@code client} is the original client, after a PROXY header; {@code size} the bytes
 * received; {@code ms} the time from the end of the data to the answer (the spool and the
 * handler); {@code tls} and {@code auth} only appear when the session had them. No content,
 * and no password, is ever logged.
 */
final class MessageLog {
    static final String NAME = "dev.inbound.message";
    private static final Logger LOG = LoggerFactory.getLogger(NAME);

    private MessageLog() {
    }

    /** Logs the outcome of {@code message}, of {@code size} bytes, answered {@code replies} after {@code nanos}. */
    static void answered(SessionState session, Transaction message, long size, List<Reply> replies, long nanos) {
        LoggingEventBuilder line = LOG.atInfo()
                .addKeyValue("session", session.id())
                .addKeyValue("id", message.id())
                .addKeyValue("client", session.peer().getHostString())
                .addKeyValue("from", message.mailFrom())
                .addKeyValue("rcpts", message.rcptTos().size())
                .addKeyValue("size", size);
        session.tls().map(TlsInfo::protocol).ifPresent(protocol -> line.addKeyValue("tls", protocol));
        session.authenticatedUser().ifPresent(user -> line.addKeyValue("auth", user));
        line.addKeyValue("result", result(replies))
                .addKeyValue("ms", nanos / 1_000_000)
                .log("message");
    }

    /**
     * {@code 250 2.0.0} for one reply; for LMTP's reply per recipient, each distinct status with
     * its count, in order of first appearance: {@code 250 2.0.0 x2,550 5.1.1 x1}.
     */
    static String result(List<Reply> replies) {
        if (replies.size() == 1) {
            return status(replies.get(0));
        }
        Map<String, Long> counts = replies.stream()
                .collect(Collectors.groupingBy(MessageLog::status, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(status -> status.getKey() + " x" + status.getValue())
                .collect(Collectors.joining(","));
    }

    private static String status(Reply reply) {
        return reply.enhancedStatus() == null ? Integer.toString(reply.code())
                : reply.code() + " " + reply.enhancedStatus();
    }
}

package dev.inbound.smtp.metrics;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one server, for the transport and the protocol to count on; not API. A server
 * built without a registry gets {@link #none()}: meters of an empty composite registry, whose
 * updates cost a method call and nothing else.
 *
 * <p>Meters are made up front where their tags are few and known (listener kinds, reply
 * classes), so counting on a hot path is one increment, not a lookup.
 */
public final class ServerMeters {
    private final MeterRegistry registry;
    private final String handlerName;
    private final Map<Listener.Kind, AtomicInteger> open = new EnumMap<>(Listener.Kind.class);
    private final Map<Listener.Kind, Counter> accepted = new EnumMap<>(Listener.Kind.class);
    private final Map<Listener.Kind, Counter> refused = new EnumMap<>(Listener.Kind.class);
    /** Indexed by reply class, 2 to 5. */
    private final Counter[] messages = new Counter[6];
    private final Counter bytesReceived;
    private final Timer deliveredAccepted;
    private final Timer deliveredRejected;

    /**
     * Meters in {@code registry}; {@code handlerName} tags the delivery timer.
     *
     * <pre>{@code
     * ServerMeters meters = new ServerMeters(new SimpleMeterRegistry(), "maildir");
     * }</pre>
     */
    public ServerMeters(MeterRegistry registry, String handlerName) {
        this.registry = registry;
        this.handlerName = handlerName;
        for (Listener.Kind kind : Listener.Kind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            AtomicInteger count = new AtomicInteger();
            open.put(kind, count);
            Gauge.builder("inbound.connections.open", count, AtomicInteger::get)
                    .description("Connections open now").tag("kind", tag).register(registry);
            accepted.put(kind, connections(tag, "accepted"));
            refused.put(kind, connections(tag, "refused"));
        }
        for (int replyClass = 2; replyClass <= 5; replyClass++) {
            messages[replyClass] = Counter.builder("inbound.messages")
                    .description("Messages whose content was complete, by the reply they got (LMTP: one per recipient)")
                    .tag("result", replyClass < 4 ? "accepted" : "rejected")
                    .tag("reply", replyClass + "xx").register(registry);
        }
        bytesReceived = Counter.builder("inbound.bytes.received")
                .description("Octets of message content received, as the client sent it").register(registry);
        deliveredAccepted = delivery("accepted");
        deliveredRejected = delivery("rejected");
    }

    /** Meters that go nowhere, for a server without a registry. */
    public static ServerMeters none() {
        return new ServerMeters(new CompositeMeterRegistry(), "none");
    }

    private Counter connections(String kind, String outcome) {
        return Counter.builder("inbound.connections").description("Connections accepted or refused at a limit")
                .tag("kind", kind).tag("outcome", outcome).register(registry);
    }

    private Timer delivery(String outcome) {
        return Timer.builder("inbound.delivery").description("Time the handler took to take a message")
                .tag("handler", handlerName).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry);
    }

    /** A connection got past the limits and is served. */
    public void connectionOpened(Listener.Kind kind) {
        accepted.get(kind).increment();
        open.get(kind).incrementAndGet();
    }

    /** A served connection closed. */
    public void connectionClosed(Listener.Kind kind) {
        open.get(kind).decrementAndGet();
    }

    /** A connection was turned away at a connection limit. */
    public void connectionRefused(Listener.Kind kind) {
        refused.get(kind).increment();
    }

    /** A message's content was complete: {@code octets} of it, answered with {@code replies}. */
    public void messageAnswered(long octets, List<Reply> replies) {
        bytesReceived.increment(octets);
        for (Reply reply : replies) {
            messages[reply.code() / 100].increment();
        }
    }

    /** The handler took {@code nanos} over a message it answered with {@code replies}. */
    public void delivered(long nanos, List<Reply> replies) {
        boolean accepted = replies.stream().anyMatch(Reply::isPositive);
        (accepted ? deliveredAccepted : deliveredRejected).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A TLS handshake ended; {@code protocol} is what was negotiated, or null when it failed. */
    public void tlsHandshake(String protocol) {
        Counter.builder("inbound.tls.handshakes").description("TLS handshakes, by outcome")
                .tag("outcome", protocol == null ? "failure" : "success")
                .tag("protocol", protocol == null ? "none" : protocol)
                .register(registry).increment();
    }

    /** Credentials given with {@code mechanism} were wrong. */
    public void authFailed(String mechanism) {
        Counter.builder("inbound.auth.failures").description("AUTH attempts with wrong credentials")
                .tag("mechanism", mechanism.toUpperCase(Locale.ROOT)).register(registry).increment();
    }
}

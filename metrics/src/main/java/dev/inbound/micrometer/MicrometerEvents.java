package dev.inbound.micrometer;

import dev.inbound.smtp.Listener;
import dev.inbound.smtp.Reply;
import dev.inbound.smtp.ServerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's events as Micrometer meters: {@code inbound.connections.open} (by kind),
 * {@code inbound.connections} (kind, outcome), {@code inbound.messages} (result, reply class;
 * one per recipient reply in LMTP), {@code inbound.bytes.received}, {@code inbound.delivery}
 * (a timer with histogram, by handler and outcome), {@code inbound.tls.handshakes} (outcome,
 * protocol) and {@code inbound.auth.failures} (mechanism).
 *
 * <p>Meters are made up front where their tags are few and known (listener kinds, reply
 * classes), so counting on a hot path is one increment, not a lookup.
 *
 * <pre>{@code
 * PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * SmtpServer.builder().handler(mailboxes).events(new MicrometerEvents(prometheus, "mailboxes")).build();
 * }</pre>
 */
public final class MicrometerEvents implements ServerEvents {
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

    /** Meters in {@code registry}; {@code handlerName} tags the delivery timer, such as {@code maildir}. */
    public MicrometerEvents(MeterRegistry registry, String handlerName) {
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

    private Counter connections(String kind, String outcome) {
        return Counter.builder("inbound.connections").description("Connections accepted or refused at a limit")
                .tag("kind", kind).tag("outcome", outcome).register(registry);
    }

    private Timer delivery(String outcome) {
        return Timer.builder("inbound.delivery").description("Time the handler took to take a message")
                .tag("handler", handlerName).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void connectionOpened(Listener.Kind kind) {
        accepted.get(kind).increment();
        open.get(kind).incrementAndGet();
    }

    @Override
    public void connectionClosed(Listener.Kind kind) {
        open.get(kind).decrementAndGet();
    }

    @Override
    public void connectionRefused(Listener.Kind kind) {
        refused.get(kind).increment();
    }

    @Override
    public void messageAnswered(Listener.Kind kind, long octets, List<Reply> replies, long handlerNanos) {
        bytesReceived.increment(octets);
        boolean anyAccepted = false;
        for (Reply reply : replies) {
            messages[reply.code() / 100].increment();
            anyAccepted |= reply.isPositive();
        }
        if (handlerNanos > 0) {
            (anyAccepted ? deliveredAccepted : deliveredRejected).record(handlerNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void tlsEstablished(String protocol) {
        tlsHandshakes("success", protocol);
    }

    @Override
    public void tlsFailed() {
        tlsHandshakes("failure", "none");
    }

    private void tlsHandshakes(String outcome, String protocol) {
        Counter.builder("inbound.tls.handshakes").description("TLS handshakes, by outcome")
                .tag("outcome", outcome).tag("protocol", protocol)
                .register(registry).increment();
    }

    @Override
    public void authFailed(String mechanism) {
        Counter.builder("inbound.auth.failures").description("AUTH attempts with wrong credentials")
                .tag("mechanism", mechanism.toUpperCase(Locale.ROOT)).register(registry).increment();
    }
}

package dev.inbound.smtp;

import java.util.List;

/**
 * What happens on a server, for listeners that count or record it: the Micrometer module's
 * meters, a host's own monitoring. The server calls these on its own threads, I/O threads
 * included, so an implementation must be quick, thread-safe and must not block; every method
 * does nothing by default. An exception thrown from one is logged by no one and breaks the
 * session it came from: don't.
 *
 * <pre>{@code
 * LongAdder accepted = new LongAdder();
 * SmtpServer.builder().events(new ServerEvents() {
 *     @Override
 *     public void messageAnswered(Listener.Kind kind, long octets, List<Reply> replies, long handlerNanos) {
 *         if (replies.get(0).isPositive()) accepted.increment();
 *     }
 * }).build();
 * }</pre>
 */
public interface ServerEvents {
    /** Events that go nowhere: the default. */
    ServerEvents NONE = new ServerEvents() {
    };

    /** A connection got past the connection limits and is served. */
    default void connectionOpened(Listener.Kind kind) {
    }

    /** A served connection closed. */
    default void connectionClosed(Listener.Kind kind) {
    }

    /** A connection was turned away at a connection limit (in total or per client address). */
    default void connectionRefused(Listener.Kind kind) {
    }

    /**
     * A message's content was complete and has been answered: {@code octets} of content as the
     * client sent it, answered with {@code replies} (one, or in LMTP one per recipient). The
     * handler took {@code handlerNanos}; 0 when the server refused the message before asking it
     * (too big, a line too long, a bare newline).
     */
    default void messageAnswered(Listener.Kind kind, long octets, List<Reply> replies, long handlerNanos) {
    }

    /** A TLS handshake completed with {@code protocol}, such as {@code TLSv1.3}. */
    default void tlsEstablished(String protocol) {
    }

    /** A TLS handshake failed. */
    default void tlsFailed() {
    }

    /** Credentials given with {@code mechanism} ({@code PLAIN}, {@code LOGIN}, ...) were wrong. */
    default void authFailed(String mechanism) {
    }

    /**
     * Events that go to each of {@code listeners}, in order.
     *
     * <pre>{@code
     * ServerEvents both = ServerEvents.all(meters, audit);
     * }</pre>
     */
    static ServerEvents all(ServerEvents... listeners) {
        ServerEvents[] each = listeners.clone();
        if (each.length == 1) {
            return each[0];
        }
        // Loops, not forEach with a lambda: a capturing lambda would allocate on every event.
        return new ServerEvents() {
            @Override
            public void connectionOpened(Listener.Kind kind) {
                for (ServerEvents e : each) {
                    e.connectionOpened(kind);
                }
            }

            @Override
            public void connectionClosed(Listener.Kind kind) {
                for (ServerEvents e : each) {
                    e.connectionClosed(kind);
                }
            }

            @Override
            public void connectionRefused(Listener.Kind kind) {
                for (ServerEvents e : each) {
                    e.connectionRefused(kind);
                }
            }

            @Override
            public void messageAnswered(Listener.Kind kind, long octets, List<Reply> replies, long handlerNanos) {
                for (ServerEvents e : each) {
                    e.messageAnswered(kind, octets, replies, handlerNanos);
                }
            }

            @Override
            public void tlsEstablished(String protocol) {
                for (ServerEvents e : each) {
                    e.tlsEstablished(protocol);
                }
            }

            @Override
            public void tlsFailed() {
                for (ServerEvents e : each) {
                    e.tlsFailed();
                }
            }

            @Override
            public void authFailed(String mechanism) {
                for (ServerEvents e : each) {
                    e.authFailed(mechanism);
                }
            }
        };
    }
}

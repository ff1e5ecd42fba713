package dev.inbound.jms;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;

/**
 * The broker of {@code bench/jms.sh}: the persistent test broker on a fixed port, with a
 * consumer that empties the benchmark queue and prints how many messages it has taken, so that
 * the run shows they all arrived.
 *
 * <pre>{@code
 * java -cp ... dev.inbound.jms.BenchmarkBroker 61616 /tmp/broker bench
 * }</pre>
 */
public final class BenchmarkBroker {
    private BenchmarkBroker() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        EmbeddedBroker broker = EmbeddedBroker.startOn(Path.of(args[1]), port);
        System.out.println("broker listening on " + broker.url());
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(args[2]));
            long taken = 0;
            long lastReport = 0;
            while (true) {
                boolean idle = consumer.receive(1000) == null;
                if (!idle) {
                    taken++;
                }
                if (taken != lastReport && (idle || taken % 1000 == 0)) {
                    System.out.println("consumed " + taken);
                    lastReport = taken;
                }
            }
        }
    }
}

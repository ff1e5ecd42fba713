package dev.inbound.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * SubEthaSMTP with a handler that reads each message to its end and discards it: the peer
 * bench/run.sh puts beside Inbound's sink handler. It streams, as Inbound's sink does, so
 * neither is measured holding whole messages.
 *
 * <pre>{@code
 * java -Xms32m -Xmx256m -jar bench/peers/target/subethasmtp-sink.jar 25252
 * }</pre>
 */
public final class SubethaSmtpSink {
    private SubethaSmtpSink() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SubethaSmtpSink PORT (listens on 127.0.0.1)");
            System.exit(2);
        }
        SMTPServer server = SMTPServer.port(Integer.parseInt(args[0]))
                .bindAddress(InetAddress.getLoopbackAddress())
                .messageHandlerFactory(Discarding::new)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "subethasmtp-stop"));
        server.start();
        System.out.println("SubEthaSMTP listening on 127.0.0.1:" + server.getPortAllocated());
    }

    /** Takes every envelope, reads the content to its end, keeps nothing. */
    private static final class Discarding implements MessageHandler {
        private final byte[] buffer = new byte[8192];

        Discarding(MessageContext context) {
        }

        @Override
        public void from(String from) {
        }

        @Override
        public void recipient(String recipient) {
        }

        @Override
        public String data(InputStream data) throws IOException {
            while (data.read(buffer) >= 0) {
                // discarded
            }
            return null;
        }

        @Override
        public void done() {
        }
    }
}

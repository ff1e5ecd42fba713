package dev.inbound.smtp.spool;

import dev.inbound.smtp.SmtpServer;
import dev.inbound.smtp.handlers.SinkHandler;

/**
 * Run in its own JVM by {@link SinkMemoryTest}: a server with the sink handler and default
 * settings but the spool threshold given as the argument; it stops when its input ends.
 */
public final class SinkServer {
    private SinkServer() {
    }

    public static void main(String[] args) throws Exception {
        SmtpServer.Builder builder = SmtpServer.builder().bind("127.0.0.1").port(0).handler(new SinkHandler());
        if (args.length > 0) {
            builder.spoolThreshold(Integer.parseInt(args[0]));
        }
        SmtpServer server = builder.build();
        server.start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        server.stop();
    }
}

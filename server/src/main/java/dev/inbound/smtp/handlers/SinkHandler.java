package dev.inbound.smtp.handlers;

import dev.inbound.smtp.Handler;

/**
 * Accepts every message and keeps none of it: a target for load tests and smoke tests.
 *
 * <pre>{@code
 * SmtpServer.builder().handler(new SinkHandler()).build().start();
 * }</pre>
 */
public final class SinkHandler implements Handler {
    /** It does nothing, so its sessions run on the I/O threads. */
    @Override
    public boolean nonBlocking() {
        return true;
    }
}

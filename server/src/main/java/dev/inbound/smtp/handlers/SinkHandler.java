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
}

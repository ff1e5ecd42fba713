package dev.inbound.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for something another process does, with a deadline rather than a guessed sleep:
 * {@code Await.until("50 messages accepted", Duration.ofSeconds(60), () -> accepted.get() >= 50)}.
 */
public final class Await {
    private Await() {
    }

    /** Polls {@code condition} every 20 ms until it holds; fails, naming {@code what}, once {@code within} has passed. */
    public static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }
}

package dev.wsmon.core.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Event-driven wait used by the test peers: state changes call {@link #fire()}, waiters block on a
 * monitor instead of polling.
 */
final class Signal {

    private final Object lock = new Object();

    void fire() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * Blocks until {@code condition} holds. The condition must only change together with a
     * {@link #fire()} call.
     *
     * @throws AssertionError on timeout (message built by {@code what} at that moment) or interrupt
     */
    void await(Supplier<String> what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "timed out after " + Await.format(timeout) + " waiting for: " + what.get());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for: " + what.get(), e);
                }
            }
        }
    }
}

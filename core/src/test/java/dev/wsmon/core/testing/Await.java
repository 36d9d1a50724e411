package dev.wsmon.core.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Polling wait for conditions that have no event to wait on (socket tables, thread counts, ...).
 * The only sanctioned way to wait in tests without an event: a deadline, never a fixed sleep.
 */
public final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} is true; the condition is checked once more after the
     * deadline before giving up.
     *
     * @throws AssertionError "timed out after X waiting for: what", or if interrupted
     */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + format(timeout) + " waiting for: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    /** Returns {@code value} once unchanged for {@code quiet}; fails if it still changes after {@code timeout}. */
    public static long stable(String what, LongSupplier value, Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = value.getAsLong();
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < quiet.toNanos()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still changing after " + format(timeout) + ": " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return last;
    }

    static String format(Duration d) {
        return d.toMillis() + " ms";
    }
}

package dev.wsmon.core.chaos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Deadline-bounded polling for tests that observe other threads or the kernel. */
final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} if it does not within {@code timeout}. */
    static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Returns {@code value} once unchanged for {@code quiet}; fails if it still changes after {@code timeout}. */
    static long stable(String what, LongSupplier value, Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = value.getAsLong();
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < quiet.toNanos()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still changing after " + timeout + ": " + what);
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
}

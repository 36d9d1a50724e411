package dev.wsmon.core.machine;

import java.time.Duration;

/**
 * A clock the test advances by hand: monotonic nanoseconds, with a wall clock in milliseconds that
 * follows them. It never moves on its own, so every deadline of the machine is a plain assertion.
 */
final class FakeTime {

    /** Far from zero, so that nothing passes by treating 0 as "the beginning" or "unknown". */
    static final long START_NANOS = 3_000_000_000_000L;
    static final long START_EPOCH_MILLIS = 1_750_000_000_000L;

    private long nanos = START_NANOS;

    Now now() {
        return new Now(nanos, START_EPOCH_MILLIS + Math.floorDiv(nanos - START_NANOS, 1_000_000L));
    }

    long nanos() {
        return nanos;
    }

    void advance(Duration d) {
        setNanos(nanos + d.toNanos());
    }

    void setNanos(long t) {
        if (t < nanos) {
            throw new IllegalArgumentException("a monotonic clock does not go back: " + t + " < " + nanos);
        }
        nanos = t;
    }
}

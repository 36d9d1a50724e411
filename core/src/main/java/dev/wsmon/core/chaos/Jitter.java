package dev.wsmon.core.chaos;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A round trip's variation: an offset within ± {@code range}, drawn anew when asked for at least {@code period} after
 * the last draw. Drawn when traffic asks, not on a timer, so that an idle proxy costs nothing.
 */
final class Jitter {

    static final Jitter NONE = new Jitter(Duration.ZERO, Duration.ofSeconds(1));

    private final long rangeNanos;
    private final long periodNanos;
    private long drawnAt; // guarded by this
    private long offset; // guarded by this
    private boolean drawn; // guarded by this

    Jitter(Duration range, Duration period) {
        if (range.isNegative() || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("jitter needs a range >= 0 and a period > 0: " + range + ", " + period);
        }
        this.rangeNanos = range.toNanos();
        this.periodNanos = period.toNanos();
    }

    /** The round trip's offset at monotonic time {@code now}, in nanoseconds; the same for a period after each draw. */
    synchronized long offsetNanos(long now) {
        if (rangeNanos == 0) {
            return 0;
        }
        if (!drawn || now - drawnAt >= periodNanos) {
            offset = ThreadLocalRandom.current().nextLong(-rangeNanos, rangeNanos + 1);
            drawnAt = now;
            drawn = true;
        }
        return offset;
    }
}

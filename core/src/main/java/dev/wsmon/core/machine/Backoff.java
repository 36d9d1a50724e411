package dev.wsmon.core.machine;

import dev.wsmon.core.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from the initial delay, capped at the maximum, with jitter on every
 * delay so that many clients dropped together do not return together.
 */
public final class Backoff {

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1); injected so tests are deterministic */
    public Backoff(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before jitter after {@code failures} consecutive failed or short-lived attempts. */
    public Duration base(int failures, Settings s) {
        double nanos = s.reconnectInitial().toNanos() * Math.pow(s.reconnectMultiplier(), Math.max(0, failures));
        long cap = s.reconnectMax().toNanos();
        return Duration.ofNanos(nanos >= cap ? cap : (long) nanos);
    }

    /** Takes a random share of up to {@code reconnectJitter} off {@code base}. */
    public Duration jitter(Duration base, Settings s) {
        double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofNanos((long) (base.toNanos() * (1.0 - s.reconnectJitter() * r)));
    }
}

package dev.wsmon.core.advice;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Says when the ping timeout is shorter than three times the p99 of the keepalive RTTs observed: then an ordinary slow
 * pong ends a healthy connection (a false alarm). Keeps the last {@link #WINDOW} samples; needs {@link #MIN_SAMPLES}.
 * Advises once per ping timeout value.
 */
public final class PingTimeoutAdvisor {

    static final int WINDOW = 200;
    static final int MIN_SAMPLES = 20;
    /** A ping timeout below this many p99 RTTs risks false alarms. */
    static final int FACTOR = 3;

    /** The ping timeout {@code current} is below {@code FACTOR × p99}; {@code suggest} is at or above it. */
    public record Finding(Duration p99, Duration current, Duration suggest) {
    }

    private final long[] ring = new long[WINDOW];
    private int count;
    private int next;
    private Duration advisedFor;

    /** One keepalive RTT, checked against the ping timeout in effect. */
    public Optional<Finding> sample(Duration rtt, Duration pingTimeout) {
        ring[next] = rtt.toNanos();
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
        if (count < MIN_SAMPLES || pingTimeout.equals(advisedFor)) {
            return Optional.empty();
        }
        Duration p99 = p99();
        Duration floor = p99.multipliedBy(FACTOR);
        if (pingTimeout.compareTo(floor) >= 0) {
            return Optional.empty();
        }
        advisedFor = pingTimeout;
        return Optional.of(new Finding(p99, pingTimeout, roundUp(floor)));
    }

    /** Nearest-rank p99 of the samples held. */
    Duration p99() {
        long[] sorted = Arrays.copyOf(ring, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.99 * count);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    /** Up to whole seconds from 1 s, else to 100 ms, at least 10 ms. */
    static Duration roundUp(Duration d) {
        long ms = (d.toNanos() + 999_999) / 1_000_000;
        long step = ms >= 1000 ? 1000 : 100;
        return Duration.ofMillis(Math.max(10, (ms + step - 1) / step * step));
    }
}

package dev.wsmon.core.stats;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Keepalive latency of one connection over a time window, as computed by {@link LatencyStats#summarize}.
 * Every latency is empty when the window holds no RTT sample.
 *
 * @param window the window the figures cover
 * @param samples pongs (RTT samples) in the window
 * @param lost pings in the window that never got their pong
 * @param last the newest RTT in the window
 * @param min the smallest RTT in the window
 * @param p50 the median RTT (nearest rank)
 * @param p95 the 95th percentile RTT (nearest rank)
 * @param p99 the 99th percentile RTT (nearest rank)
 * @param max the largest RTT in the window
 * @param jitter the mean absolute difference between consecutive RTTs (RFC 3550 spirit, unsmoothed);
 *     empty with fewer than two samples
 * @param lossRatio {@code lost / (samples + lost)}, 0 when the window holds nothing
 */
public record LatencySummary(
        Duration window,
        int samples,
        int lost,
        Optional<Duration> last,
        Optional<Duration> min,
        Optional<Duration> p50,
        Optional<Duration> p95,
        Optional<Duration> p99,
        Optional<Duration> max,
        Optional<Duration> jitter,
        double lossRatio) {

    public LatencySummary {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(jitter, "jitter");
        if (samples < 0 || lost < 0) {
            throw new IllegalArgumentException("samples and lost must be ≥ 0, got " + samples + " and " + lost);
        }
        if (!(lossRatio >= 0.0 && lossRatio <= 1.0)) {
            throw new IllegalArgumentException("loss ratio must be between 0 and 1, got " + lossRatio);
        }
    }

    /** A summary of a window that holds nothing. */
    public static LatencySummary empty(Duration window) {
        return new LatencySummary(window, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 0.0);
    }
}

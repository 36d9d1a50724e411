package dev.wsmon.core.health;

import dev.wsmon.core.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The live-tunable limits the health rules apply, as in {@link Settings}.
 *
 * @param staleAfter no data message for this long while OPEN is {@code stale}; zero is off
 * @param degradedRtt a keepalive RTT p95 over the last minute above this is {@code rtt-high}; zero is off
 * @param degradedLossPercent lost pings over the last minute above this percentage are {@code loss}; 100 is off
 */
public record HealthThresholds(Duration staleAfter, Duration degradedRtt, double degradedLossPercent) {

    /** Every threshold off. */
    public static final HealthThresholds OFF = new HealthThresholds(Duration.ZERO, Duration.ZERO, 100.0);

    public HealthThresholds {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(degradedRtt, "degradedRtt");
        if (staleAfter.isNegative() || degradedRtt.isNegative()) {
            throw new IllegalArgumentException("health thresholds must be ≥ 0, got " + staleAfter + " and " + degradedRtt);
        }
        if (!(degradedLossPercent >= 0 && degradedLossPercent <= 100)) {
            throw new IllegalArgumentException("degraded loss must be between 0 and 100 %, got " + degradedLossPercent);
        }
    }

    public static HealthThresholds of(Settings s) {
        return new HealthThresholds(s.staleAfter(), s.degradedRtt(), s.degradedLoss());
    }

    public boolean staleOn() {
        return !staleAfter.isZero();
    }

    /** Whether a keepalive figure (RTT or loss) is watched, so a latency summary is worth computing. */
    public boolean latencyOn() {
        return !degradedRtt.isZero() || degradedLossPercent < 100;
    }
}

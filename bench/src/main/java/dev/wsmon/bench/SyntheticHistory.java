package dev.wsmon.bench;

import dev.wsmon.app.viewmodel.LatencyHistory;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

/**
 * An hour of made-up chart history for one connection, ending at {@code end}: a sample a second around a base RTT with
 * jitter and rare spikes, a few short outages (not-OPEN bands, no samples meanwhile, health DOWN), a few settings marks
 * and a few minutes of DEGRADED health (for the timeline).
 * Recorded through the history's own API, as the engine's events would have been. Seeded: the same every run.
 */
final class SyntheticHistory {

    static final Duration SPAN = Duration.ofHours(1);
    static final int OUTAGES = 3;
    static final int MARKS = 2;
    static final int DEGRADED = 2;

    private SyntheticHistory() {
    }

    static LatencyHistory hour(long end, long seed) {
        Random r = new Random(seed);
        long start = end - SPAN.toMillis();
        int seconds = (int) SPAN.toSeconds();
        LatencyHistory h = new LatencyHistory(start, State.OPEN, false);
        h.health(start, Health.HEALTHY, Set.of());
        double base = 0.3 + r.nextDouble() * 40;
        int[] outageAt = new int[OUTAGES];
        for (int i = 0; i < OUTAGES; i++) {
            outageAt[i] = (i + 1) * seconds / (OUTAGES + 1) + r.nextInt(120);
        }
        int[] degradedAt = new int[DEGRADED];
        for (int i = 0; i < DEGRADED; i++) {
            degradedAt[i] = (2 * i + 1) * seconds / (2 * DEGRADED) + r.nextInt(60);
        }
        int outageLeft = 0;
        for (int s = 0; s < seconds; s++) {
            long ts = start + s * 1000L;
            for (int at : outageAt) {
                if (s == at) { // CLOSED for 5 s, CONNECTING for 1 s, OPEN again
                    h.state(ts, State.CLOSED);
                    h.health(ts, Health.DOWN, Set.of(HealthReason.CLOSED));
                    h.state(ts + 5_000, State.CONNECTING);
                    h.state(ts + 6_000, State.OPEN);
                    outageLeft = 7;
                }
            }
            for (int at : outageAt) {
                if (s == at + 6) {
                    h.health(ts, Health.HEALTHY, Set.of());
                }
            }
            for (int at : degradedAt) { // two minutes of high RTT; health changes are recorded in time order
                if (s == at) {
                    h.health(ts, Health.DEGRADED, Set.of(HealthReason.RTT_HIGH));
                } else if (s == at + 120) {
                    h.health(ts, Health.HEALTHY, Set.of());
                }
            }
            for (int m = 1; m <= MARKS; m++) {
                if (s == (2 * m - 1) * seconds / (2 * MARKS)) {
                    h.mark(ts + 500, "ping interval 1 s → " + (m + 1) + " s");
                }
            }
            if (outageLeft > 0) {
                outageLeft--;
                continue;
            }
            double spike = r.nextInt(200) == 0 ? base * (2 + r.nextDouble() * 4) : 0;
            double millis = Math.max(0.05, base + r.nextGaussian() * base * 0.1 + spike);
            h.add(ts, Duration.ofNanos((long) (millis * 1e6)));
        }
        return h;
    }
}

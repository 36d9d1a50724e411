package dev.wsmon.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gaps between consecutive FX pulses, in ms: over the whole window, over the steady parts, and in the second after each
 * of the benchmark's actions (the gap ending at the first pulse after an action holds the action itself).
 */
final class PulseGaps {

    private final long[] pulses;

    PulseGaps(long[] pulses) {
        this.pulses = pulses.clone();
    }

    /** Every gap, in ms. */
    List<Double> all() {
        List<Double> g = new ArrayList<>();
        for (int i = 1; i < pulses.length; i++) {
            g.add(Pct.ms(pulses[i] - pulses[i - 1]));
        }
        return g;
    }

    /** Gaps that end within {@code afterNanos} of {@code at}. */
    List<Double> after(long at, long afterNanos) {
        List<Double> g = new ArrayList<>();
        for (int i = 1; i < pulses.length; i++) {
            if (pulses[i] - at >= 0 && pulses[i] - at <= afterNanos) {
                g.add(Pct.ms(pulses[i] - pulses[i - 1]));
            }
        }
        return g;
    }

    /** Gaps that end within {@code afterNanos} of none of {@code actions}. */
    List<Double> steady(long[] actions, long afterNanos) {
        List<Double> g = new ArrayList<>();
        for (int i = 1; i < pulses.length; i++) {
            boolean near = false;
            for (long a : actions) {
                near |= pulses[i] - a >= 0 && pulses[i] - a <= afterNanos;
            }
            if (!near) {
                g.add(Pct.ms(pulses[i] - pulses[i - 1]));
            }
        }
        return g;
    }

    /** The {@code k} longest gaps as {@code [end of the gap, length]} in nanoseconds, longest first. */
    List<long[]> longest(int k) {
        List<long[]> g = new ArrayList<>();
        for (int i = 1; i < pulses.length; i++) {
            g.add(new long[] {pulses[i], pulses[i] - pulses[i - 1]});
        }
        g.sort((a, b) -> Long.compare(b[1], a[1]));
        return g.subList(0, Math.min(k, g.size()));
    }

    /** Count, p50, p99 and max of some gaps. */
    static Map<String, Object> summary(List<Double> gaps) {
        Pct p = new Pct(gaps);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gaps", p.n());
        m.put("p50_ms", p.median());
        m.put("p99_ms", p.p(99));
        m.put("max_ms", p.max());
        return m;
    }
}

package dev.wsmon.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a set of samples (milliseconds unless said otherwise). */
final class Pct {

    private final double[] sorted;

    Pct(Collection<Double> values) {
        sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    int n() {
        return sorted.length;
    }

    /** Nearest rank: the smallest sample with at least p % of the samples at or below it. NaN if empty. */
    double p(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return p(50);
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double mean() {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n());
        m.put("min_ms", min());
        m.put("p50_ms", median());
        m.put("p99_ms", p(99));
        m.put("max_ms", max());
        m.put("mean_ms", mean());
        return m;
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}

package dev.wsmon.app.history;

import java.util.List;

/**
 * RTT figures over the bucket starting at {@code start} (epoch ms) and lasting {@code spanMillis}: a minute as stored, or
 * several merged for a long chart. Milliseconds.
 *
 * @param p95 the nearest-rank 95th percentile for one minute; for merged minutes the largest of their p95s (an upper
 *     bound: the samples are not kept in the merge)
 */
public record Rollup(long start, long spanMillis, int count, double min, double avg, double max, double p95) {

    public static final long MINUTE = 60_000;

    public Rollup {
        if (count < 1) {
            throw new IllegalArgumentException("a rollup covers at least one sample, got " + count);
        }
        if (spanMillis < 1) {
            throw new IllegalArgumentException("a rollup spans at least 1 ms, got " + spanMillis);
        }
    }

    /** The rollup of one minute's samples (RTTs in microseconds, any order). */
    public static Rollup ofMinute(long minuteStart, long[] micros) {
        long[] sorted = micros.clone();
        java.util.Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        int rank = (int) Math.ceil(0.95 * sorted.length); // nearest rank, 1-based
        return new Rollup(minuteStart, MINUTE, sorted.length, sorted[0] / 1000.0, sum / 1000.0 / sorted.length,
                sorted[sorted.length - 1] / 1000.0, sorted[Math.max(0, rank - 1)] / 1000.0);
    }

    /**
     * Merges consecutive rollups into at most {@code maxPoints} buckets of equal span, so a week of minutes draws with
     * about one point per pixel column.
     */
    public static List<Rollup> downsample(List<Rollup> minutes, long from, long to, int maxPoints) {
        if (minutes.size() <= maxPoints || maxPoints < 1) {
            return List.copyOf(minutes);
        }
        long span = Math.max(MINUTE, ceilTo((to - from + maxPoints - 1) / maxPoints, MINUTE));
        List<Rollup> out = new java.util.ArrayList<>();
        long bucket = Long.MIN_VALUE;
        int n = 0;
        double min = 0;
        double sum = 0;
        double max = 0;
        double p95 = 0;
        for (Rollup r : minutes) {
            long b = Math.floorDiv(r.start() - from, span) * span + from;
            if (b != bucket && n > 0) {
                out.add(new Rollup(bucket, span, n, min, sum / n, max, p95));
                n = 0;
            }
            if (n == 0) {
                bucket = b;
                min = r.min();
                max = r.max();
                p95 = r.p95();
                sum = 0;
            }
            n += r.count();
            sum += r.avg() * r.count();
            min = Math.min(min, r.min());
            max = Math.max(max, r.max());
            p95 = Math.max(p95, r.p95());
        }
        if (n > 0) {
            out.add(new Rollup(bucket, span, n, min, sum / n, max, p95));
        }
        return out;
    }

    private static long ceilTo(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }
}

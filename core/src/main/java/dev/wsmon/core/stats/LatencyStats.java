package dev.wsmon.core.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Keepalive latency of one connection: a ring of the newest {@code capacity} records (a pong's RTT, or
 * a ping that never got its pong), each with its monotonic arrival time, summarised over any window on
 * demand.
 *
 * <p>Memory is constant: a {@code long[capacity]} of arrival times and an {@code int[capacity]} of RTTs
 * in microseconds, allocated once (12 bytes per slot, 48 KiB at the default capacity), no object per
 * sample, no growth. When the ring is full the oldest record is overwritten. RTTs are kept to the
 * microsecond up to {@link #MAX_RTT}, which is longer than any ping timeout the settings allow.
 *
 * <p>Thread-safe: written by the engine's thread, read by the UI or the metrics endpoint. A writer is
 * only ever held up by a reader's O(capacity) copy of the window, never by its sort.
 *
 * <p>Times are {@link System#nanoTime()}-style monotonic nanoseconds, compared by subtraction, so any
 * origin (including negative values) works.
 */
public final class LatencyStats {

    public static final int DEFAULT_CAPACITY = 4096;

    /** Marks a slot of {@link #rttMicros} as a lost ping: the largest unsigned int. */
    private static final int LOSS = -1;
    private static final long MAX_RTT_MICROS = 0xFFFF_FFFEL;

    /** The largest RTT kept exactly (about 71 minutes); longer ones are recorded as this. */
    public static final Duration MAX_RTT = Duration.ofNanos(MAX_RTT_MICROS * 1_000);

    private final Object lock = new Object();
    private final long[] at;
    /** Unsigned microseconds: a quarter of the memory of nanoseconds in a long, which 1000 connections feel. */
    private final int[] rttMicros;
    /** Next slot to write; guarded by {@link #lock}. */
    private int head;
    /** Slots in use, at most the capacity; guarded by {@link #lock}. */
    private int count;
    private long totalSamples;
    private long totalLost;

    public LatencyStats() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity how many of the newest records are kept, at least 1 */
    public LatencyStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("latency stats capacity must be ≥ 1, got " + capacity);
        }
        at = new long[capacity];
        rttMicros = new int[capacity];
    }

    public int capacity() {
        return at.length;
    }

    /**
     * Records a pong.
     *
     * @param atNanos the monotonic time the pong arrived
     * @param rttNanos the round-trip time, ≥ 0
     */
    public void recordRtt(long atNanos, long rttNanos) {
        if (rttNanos < 0) {
            throw new IllegalArgumentException("RTT must be ≥ 0 ns, got " + rttNanos + " ns");
        }
        synchronized (lock) {
            put(atNanos, toMicros(rttNanos));
            totalSamples++;
        }
    }

    /**
     * Records a ping that never got its pong.
     *
     * @param atNanos the monotonic time it was given up on
     */
    public void recordLoss(long atNanos) {
        synchronized (lock) {
            put(atNanos, LOSS);
            totalLost++;
        }
    }

    private static int toMicros(long rttNanos) {
        long micros = rttNanos / 1_000 + (rttNanos % 1_000 >= 500 ? 1 : 0);
        return (int) Math.min(micros, MAX_RTT_MICROS);
    }

    private void put(long atNanos, int value) {
        at[head] = atNanos;
        rttMicros[head] = value;
        head = next(head);
        if (count < at.length) {
            count++;
        }
    }

    /** RTT samples recorded since creation, including those the ring no longer holds. */
    public long totalSamples() {
        synchronized (lock) {
            return totalSamples;
        }
    }

    /** Lost pings recorded since creation, including those the ring no longer holds. */
    public long totalLost() {
        synchronized (lock) {
            return totalLost;
        }
    }

    /**
     * Summarises the records that arrived within {@code window} before {@code nowNanos}, that is with
     * {@code at > nowNanos - window}. Records older than the ring's capacity are gone and not counted.
     *
     * @param nowNanos the current monotonic time
     * @param window how far back to look, ≥ 0
     */
    public LatencySummary summarize(long nowNanos, Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must be ≥ 0, got " + window);
        }
        long windowNanos = saturatedNanos(window);
        long[] values;
        int n = 0;
        int lost = 0;
        synchronized (lock) {
            int first = head - count < 0 ? head - count + at.length : head - count;
            int inWindow = 0;
            for (int i = 0, slot = first; i < count; i++, slot = next(slot)) {
                // at > now - window, written so that it cannot overflow for monotonic times
                if (nowNanos - at[slot] < windowNanos) {
                    inWindow++;
                }
            }
            values = new long[inWindow];
            for (int i = 0, slot = first; i < count; i++, slot = next(slot)) {
                if (nowNanos - at[slot] < windowNanos) {
                    int value = rttMicros[slot];
                    if (value == LOSS) {
                        lost++;
                    } else {
                        values[n++] = Integer.toUnsignedLong(value) * 1_000;
                    }
                }
            }
        }
        if (n == 0 && lost == 0) {
            return LatencySummary.empty(window);
        }
        double lossRatio = (double) lost / (n + lost);
        if (n == 0) {
            return new LatencySummary(window, 0, lost, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), lossRatio);
        }
        // values[0..n) is in arrival order here: take what depends on order before sorting.
        Optional<Duration> last = nanos(values[n - 1]);
        Optional<Duration> jitter = n < 2 ? Optional.empty() : nanos(meanAbsoluteDifference(values, n));
        Arrays.sort(values, 0, n);
        return new LatencySummary(window, n, lost, last,
                nanos(values[0]),
                nanos(values[nearestRank(50, n) - 1]),
                nanos(values[nearestRank(95, n) - 1]),
                nanos(values[nearestRank(99, n) - 1]),
                nanos(values[n - 1]),
                jitter,
                lossRatio);
    }

    private int next(int slot) {
        return slot + 1 == at.length ? 0 : slot + 1;
    }

    /** Nearest-rank percentile: the smallest rank r (1-based) with r ≥ p/100 · n. */
    static int nearestRank(int percent, int n) {
        int rank = (int) (((long) percent * n + 99) / 100);
        return Math.max(1, Math.min(n, rank));
    }

    /** Mean of |v[i] - v[i-1]| over the first n values, n ≥ 2, exact and without overflow. */
    private static long meanAbsoluteDifference(long[] v, int n) {
        long pairs = n - 1;
        long quotients = 0;
        long remainders = 0;
        for (int i = 1; i < n; i++) {
            long d = Math.abs(v[i] - v[i - 1]); // both ≥ 0: no overflow
            quotients += d / pairs;
            remainders += d % pairs;
        }
        return quotients + remainders / pairs;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static Optional<Duration> nanos(long value) {
        return Optional.of(Duration.ofNanos(value));
    }
}

package dev.wsmon.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wsmon.core.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void percentiles_areNearestRank_ofTheWindowedValues() {
        LatencyStats stats = new LatencyStats(4096);
        List<Long> rtts = new ArrayList<>();
        for (long ms = 1; ms <= 100; ms++) {
            rtts.add(ms);
        }
        Collections.shuffle(rtts, new Random(7)); // order of arrival must not matter
        long t = 1_000 * S;
        for (long ms : rtts) {
            stats.recordRtt(t, ms * MS);
            t += 10 * MS;
        }

        LatencySummary s = stats.summarize(t, MINUTE);

        assertThat(s.samples()).isEqualTo(100);
        assertThat(s.min()).contains(ms(1));
        assertThat(s.p50()).contains(ms(50));
        assertThat(s.p95()).contains(ms(95));
        assertThat(s.p99()).contains(ms(99));
        assertThat(s.max()).contains(ms(100));
        assertThat(s.last()).contains(ms(rtts.get(rtts.size() - 1)));
    }

    @Test
    void percentiles_ofSmallSets_roundTheRankUp() {
        LatencyStats stats = new LatencyStats(16);
        stats.recordRtt(1 * S, 30 * MS);
        stats.recordRtt(2 * S, 10 * MS);
        stats.recordRtt(3 * S, 20 * MS);

        LatencySummary s = stats.summarize(3 * S, MINUTE);

        // n = 3: p50 → rank ceil(1.5) = 2; p95, p99 → rank 3
        assertThat(s.p50()).contains(ms(20));
        assertThat(s.p95()).contains(ms(30));
        assertThat(s.p99()).contains(ms(30));
        assertThat(LatencyStats.nearestRank(50, 1)).isEqualTo(1);
        assertThat(LatencyStats.nearestRank(99, 1000)).isEqualTo(990);
    }

    @Test
    void window_excludesRecordsAtOrBeforeItsStart() {
        LatencyStats stats = new LatencyStats(64);
        long now = 500 * S;
        stats.recordRtt(now - 90 * S, 900 * MS); // old
        stats.recordLoss(now - 61 * S);          // old
        stats.recordRtt(now - 60 * S, 800 * MS); // exactly at now - window: excluded (at > now - window)
        stats.recordRtt(now - 59 * S, 5 * MS);
        stats.recordLoss(now - 30 * S);
        stats.recordRtt(now - 1 * S, 7 * MS);

        LatencySummary s = stats.summarize(now, MINUTE);

        assertThat(s.window()).isEqualTo(MINUTE);
        assertThat(s.samples()).isEqualTo(2);
        assertThat(s.lost()).isEqualTo(1);
        assertThat(s.min()).contains(ms(5));
        assertThat(s.max()).contains(ms(7));
        assertThat(s.last()).contains(ms(7));
        assertThat(stats.totalSamples()).isEqualTo(4);
        assertThat(stats.totalLost()).isEqualTo(2);

        LatencySummary wide = stats.summarize(now, Duration.ofMinutes(5));
        assertThat(wide.samples()).isEqualTo(4);
        assertThat(wide.lost()).isEqualTo(2);
        assertThat(wide.max()).contains(ms(900));
    }

    @Test
    void window_worksAcrossNegativeAndWrappingMonotonicTimes() {
        LatencyStats stats = new LatencyStats(8);
        long t0 = Long.MAX_VALUE - 2 * S; // nanoTime may have any origin and may wrap
        stats.recordRtt(t0, 3 * MS);
        stats.recordRtt(t0 + 3 * S, 4 * MS); // wraps to a negative value

        LatencySummary s = stats.summarize(t0 + 4 * S, Duration.ofSeconds(2));

        assertThat(s.samples()).isEqualTo(1);
        assertThat(s.last()).contains(ms(4));
        assertThat(stats.summarize(t0 + 4 * S, MINUTE).samples()).isEqualTo(2);
    }

    @Test
    void ring_overwritesTheOldest_beyondCapacity_andKeepsCountingTotals() {
        int capacity = 100;
        LatencyStats stats = new LatencyStats(capacity);
        long t = 0;
        for (int i = 1; i <= 3 * capacity; i++) {
            t += MS;
            stats.recordRtt(t, i * MS); // RTT i ms at record i
        }

        LatencySummary s = stats.summarize(t, Duration.ofDays(1));

        assertThat(stats.capacity()).isEqualTo(capacity);
        assertThat(s.samples()).isEqualTo(capacity);          // memory constant: never more than capacity kept
        assertThat(s.min()).contains(ms(2 * capacity + 1));   // the oldest 200 were overwritten
        assertThat(s.max()).contains(ms(3 * capacity));
        assertThat(s.last()).contains(ms(3 * capacity));
        assertThat(stats.totalSamples()).isEqualTo(3L * capacity);
    }

    @Test
    void ring_overwritesLosses_likeSamples() {
        LatencyStats stats = new LatencyStats(4);
        stats.recordLoss(1 * S);
        stats.recordLoss(2 * S);
        for (int i = 3; i <= 6; i++) {
            stats.recordRtt(i * S, 10 * MS);
        }

        LatencySummary s = stats.summarize(6 * S, MINUTE);

        assertThat(s.lost()).isZero();
        assertThat(s.samples()).isEqualTo(4);
        assertThat(stats.totalLost()).isEqualTo(2);
    }

    @Test
    void lossRatio_isLostOverAllPingsInTheWindow() {
        LatencyStats stats = new LatencyStats(64);
        long t = 0;
        for (int i = 0; i < 9; i++) {
            stats.recordRtt(t += S, 20 * MS);
        }
        stats.recordLoss(t += S);
        stats.recordLoss(t += S);
        stats.recordLoss(t += S);

        LatencySummary s = stats.summarize(t, MINUTE);

        assertThat(s.samples()).isEqualTo(9);
        assertThat(s.lost()).isEqualTo(3);
        assertThat(s.lossRatio()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void onlyLosses_giveRatioOne_andNoLatencies() {
        LatencyStats stats = new LatencyStats(8);
        stats.recordLoss(1 * S);
        stats.recordLoss(2 * S);

        LatencySummary s = stats.summarize(2 * S, MINUTE);

        assertThat(s.samples()).isZero();
        assertThat(s.lost()).isEqualTo(2);
        assertThat(s.lossRatio()).isEqualTo(1.0);
        assertThat(s.last()).isEmpty();
        assertThat(s.p50()).isEmpty();
        assertThat(s.jitter()).isEmpty();
    }

    @Test
    void jitter_isMeanAbsoluteDifferenceOfConsecutiveRtts_inArrivalOrder() {
        LatencyStats stats = new LatencyStats(16);
        long[] rtts = {10, 14, 11, 11, 20}; // |4| + |3| + |0| + |9| = 16 over 4 pairs = 4 ms
        long t = 0;
        for (long r : rtts) {
            stats.recordRtt(t += S, r * MS);
        }
        stats.recordLoss(t += S); // losses do not break the sequence of RTTs

        LatencySummary s = stats.summarize(t, MINUTE);

        assertThat(s.jitter()).contains(ms(4));
    }

    @Test
    void jitter_keepsSubMillisecondPrecision_andNeedsTwoSamples() {
        LatencyStats stats = new LatencyStats(16);
        stats.recordRtt(1 * S, 300_000);
        assertThat(stats.summarize(1 * S, MINUTE).jitter()).isEmpty();

        stats.recordRtt(2 * S, 450_000);
        stats.recordRtt(3 * S, 350_000); // (150 + 100) / 2 = 125 µs

        assertThat(stats.summarize(3 * S, MINUTE).jitter()).contains(Duration.ofNanos(125_000));
    }

    @Test
    void hugeRtts_areKeptAsTheLargestRtt_withoutOverflow() {
        LatencyStats stats = new LatencyStats(8);
        stats.recordRtt(1, 0);
        stats.recordRtt(2, Long.MAX_VALUE);
        stats.recordRtt(3, 0);

        LatencySummary s = stats.summarize(3, MINUTE);

        assertThat(s.max()).contains(LatencyStats.MAX_RTT);
        assertThat(s.jitter()).contains(LatencyStats.MAX_RTT);
    }

    @Test
    void everyRttTheSettingsAllow_isKeptToTheMicrosecond() {
        LatencyStats stats = new LatencyStats(8);
        stats.recordRtt(1 * S, 1_499);
        stats.recordRtt(2 * S, 1_500);
        stats.recordRtt(3 * S, Settings.MAX_TIMER.toNanos());

        LatencySummary s = stats.summarize(3 * S, MINUTE);

        assertThat(s.min()).contains(Duration.ofNanos(1_000));
        assertThat(s.p50()).contains(Duration.ofNanos(2_000));
        assertThat(s.max()).contains(Settings.MAX_TIMER);
        assertThat(LatencyStats.MAX_RTT).isGreaterThan(Settings.MAX_TIMER);
    }

    @Test
    void emptyStats_giveTheEmptySummary() {
        LatencyStats stats = new LatencyStats();
        Duration window = Duration.ofSeconds(30);

        LatencySummary s = stats.summarize(123 * S, window);

        assertThat(s).isEqualTo(LatencySummary.empty(window));
        assertThat(s.samples()).isZero();
        assertThat(s.lost()).isZero();
        assertThat(s.lossRatio()).isZero();
        assertThat(List.of(s.last(), s.min(), s.p50(), s.p95(), s.p99(), s.max(), s.jitter()))
                .allMatch(Optional::isEmpty);
        assertThat(stats.capacity()).isEqualTo(LatencyStats.DEFAULT_CAPACITY);
        assertThat(stats.totalSamples()).isZero();
        assertThat(stats.totalLost()).isZero();
    }

    @Test
    void windowWithOnlyOldRecords_givesTheEmptySummary() {
        LatencyStats stats = new LatencyStats(8);
        stats.recordRtt(1 * S, 5 * MS);
        stats.recordLoss(2 * S);

        assertThat(stats.summarize(100 * S, Duration.ofSeconds(10))).isEqualTo(LatencySummary.empty(Duration.ofSeconds(10)));
    }

    @Test
    void badArguments_areRefusedWithAMessage() {
        assertThatThrownBy(() -> new LatencyStats(0)).hasMessageContaining("capacity must be ≥ 1, got 0");
        LatencyStats stats = new LatencyStats(8);
        assertThatThrownBy(() -> stats.recordRtt(0, -1)).hasMessageContaining("RTT must be ≥ 0");
        assertThatThrownBy(() -> stats.summarize(0, Duration.ofSeconds(-1))).hasMessageContaining("window");
        assertThat(stats.totalSamples()).isZero();
    }

    @Test
    void readers_seeConsistentSummaries_whileTheEngineThreadWrites() throws Exception {
        LatencyStats stats = new LatencyStats(256);
        int writes = 200_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 1; i <= writes; i++) {
                if (i % 10 == 0) {
                    stats.recordLoss(i);
                } else {
                    stats.recordRtt(i, 5 * MS);
                }
            }
        }, "engine");
        Thread reader = new Thread(() -> {
            try {
                while (stats.totalSamples() + stats.totalLost() < writes) {
                    LatencySummary s = stats.summarize(writes, Duration.ofNanos(Long.MAX_VALUE));
                    assertThat(s.samples() + s.lost()).isLessThanOrEqualTo(256);
                    s.p99().ifPresent(p -> assertThat(p).isEqualTo(ms(5)));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "ui");
        reader.start();
        writer.start();
        writer.join(10_000);
        reader.join(10_000);

        assertThat(failure.get()).isNull();
        assertThat(stats.totalSamples()).isEqualTo(writes - writes / 10);
        assertThat(stats.totalLost()).isEqualTo(writes / 10);
        LatencySummary s = stats.summarize(writes, MINUTE);
        // the newest 256 records are 199745..200000, of which 199750, 199760, .., 200000 are losses
        assertThat(s.lost()).isEqualTo(26);
        assertThat(s.samples()).isEqualTo(230);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}

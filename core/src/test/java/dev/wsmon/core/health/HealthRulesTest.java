package dev.wsmon.core.health;

import static dev.wsmon.core.HealthReason.CLOSED;
import static dev.wsmon.core.HealthReason.FLAPPING;
import static dev.wsmon.core.HealthReason.HEARTBEAT_MISSED;
import static dev.wsmon.core.HealthReason.LOSS;
import static dev.wsmon.core.HealthReason.RTT_HIGH;
import static dev.wsmon.core.HealthReason.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import dev.wsmon.core.stats.LatencyStats;
import dev.wsmon.core.stats.LatencySummary;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each health reason comes and goes on a fake clock (plain nanoseconds, starting far from zero). */
class HealthRulesTest {

    private static final long T0 = -5_000_000_000_000L; // monotonic times may be negative
    private static final Duration STALE_AFTER = Duration.ofSeconds(10);
    private static final HealthThresholds THRESHOLDS = new HealthThresholds(STALE_AFTER, Duration.ofMillis(200), 10.0);

    private final HealthRules rules = new HealthRules();
    /** The connection's own statistics, as the watcher reads them. */
    private final LatencyStats stats = new LatencyStats();

    private static long at(Duration d) {
        return T0 + d.toNanos();
    }

    private static long s(double seconds) {
        return T0 + (long) (seconds * 1e9);
    }

    private HealthStatus eval(long now) {
        return eval(now, THRESHOLDS);
    }

    private HealthStatus eval(long now, HealthThresholds t) {
        return rules.evaluate(now, t, stats.summarize(now, HealthRules.LATENCY_WINDOW));
    }

    private void open(long now) {
        rules.stateChanged(State.CONNECTING, now);
        rules.stateChanged(State.OPEN, now);
    }

    private void drop(long now) {
        rules.stateChanged(State.CLOSED, now);
    }

    @Test
    void beforeAnyConnection_isDownClosed() {
        assertThat(eval(T0)).isEqualTo(new HealthStatus(Health.DOWN, Set.of(CLOSED)));
        assertThat(rules.nextCheck(T0, THRESHOLDS)).as("nothing to wait for").isEmpty();
    }

    @Test
    void open_isHealthy_andLeavingOpen_isDownClosed() {
        open(s(0));
        assertThat(eval(s(1))).isEqualTo(new HealthStatus(Health.HEALTHY, Set.of()));
        rules.stateChanged(State.CLOSING, s(2));
        assertThat(eval(s(2))).isEqualTo(new HealthStatus(Health.DOWN, Set.of(CLOSED)));
    }

    @Nested
    class Stale {
        @Test
        void noDataForStaleAfter_isDegradedStale_andTheNextMessageClearsIt() {
            open(s(0));
            rules.dataReceived(s(3));
            assertThat(eval(s(12.999)).reasons()).isEmpty();
            assertThat(rules.nextCheck(s(12.999), THRESHOLDS)).contains(Duration.ofMillis(1));

            assertThat(eval(s(13))).isEqualTo(new HealthStatus(Health.DEGRADED, Set.of(STALE)));
            assertThat(rules.nextCheck(s(13), THRESHOLDS)).as("only a message ends it").isEmpty();

            rules.dataReceived(s(20));
            assertThat(eval(s(20)).health()).isEqualTo(Health.HEALTHY);
            assertThat(rules.nextCheck(s(20), THRESHOLDS)).contains(STALE_AFTER);
        }

        @Test
        void countsFromOpen_andResetsWithEveryConnection() {
            open(s(0));
            assertThat(eval(s(10)).reasons()).containsExactly(STALE);
            drop(s(11));
            assertThat(eval(s(11)).reasons()).containsExactly(CLOSED);
            open(s(15));
            assertThat(eval(s(24)).reasons()).as("the watchdog starts afresh at OPEN").isEmpty();
            assertThat(eval(s(25)).reasons()).containsExactly(STALE);
        }

        @Test
        void off_neverStale_andNeedsNoTimer() {
            open(s(0));
            assertThat(eval(s(3600), HealthThresholds.OFF).reasons()).isEmpty();
            assertThat(rules.nextCheck(s(3600), HealthThresholds.OFF)).isEmpty();
        }

        @Test
        void pongsAreNotData() {
            open(s(0));
            stats.recordRtt(s(9), Duration.ofMillis(5).toNanos()); // keepalive alive, feed silent
            assertThat(eval(s(10)).reasons()).containsExactly(STALE);
        }
    }

    @Nested
    class RttHigh {
        @Test
        void p95OverTheLastMinuteAboveTheThreshold_andGoneWhenTheSamplesAge() {
            open(s(0));
            for (int i = 1; i <= 19; i++) {
                stats.recordRtt(s(i), Duration.ofMillis(20).toNanos());
                rules.dataReceived(s(i));
            }
            stats.recordRtt(s(20), Duration.ofMillis(900).toNanos());
            rules.dataReceived(s(20));
            assertThat(eval(s(20)).reasons()).as("one slow pong in 20 is the p95, not above it").isEmpty();

            stats.recordRtt(s(21), Duration.ofMillis(900).toNanos());
            rules.dataReceived(s(21));
            assertThat(eval(s(21))).isEqualTo(new HealthStatus(Health.DEGRADED, Set.of(RTT_HIGH)));
            assertThat(rules.nextCheck(s(21), THRESHOLDS)).contains(HealthRules.LATENCY_RECHECK);

            rules.dataReceived(s(81));
            assertThat(eval(s(81.5)).reasons()).as("both slow pongs left the minute").isEmpty();
        }

        @Test
        void exactlyAtTheThreshold_isNotAbove() {
            open(s(0));
            stats.recordRtt(s(1), Duration.ofMillis(200).toNanos());
            rules.dataReceived(s(1));
            assertThat(eval(s(1)).reasons()).isEmpty();
        }
    }

    @Nested
    class Loss {
        @Test
        void lostPingsAboveThePercentage_andGoneWhenAnswered() {
            open(s(0));
            for (int i = 1; i <= 9; i++) {
                stats.recordRtt(s(i), Duration.ofMillis(5).toNanos());
            }
            stats.recordLoss(s(10));
            rules.dataReceived(s(10));
            assertThat(eval(s(10)).reasons()).as("1 in 10 is 10 %, not above it").isEmpty();
            stats.recordLoss(s(11));
            rules.dataReceived(s(11));
            assertThat(eval(s(11))).isEqualTo(new HealthStatus(Health.DEGRADED, Set.of(LOSS)));

            rules.dataReceived(s(71));
            assertThat(eval(s(71.5)).reasons()).isEmpty();
        }

        @Test
        void hundredPercent_isOff() {
            open(s(0));
            stats.recordLoss(s(1));
            HealthThresholds off = new HealthThresholds(Duration.ZERO, Duration.ZERO, 100.0);
            assertThat(eval(s(1), off).reasons()).isEmpty();
            assertThat(off.latencyOn()).isFalse();
        }
    }

    @Nested
    class HeartbeatMissed {
        @Test
        void degradedUntilTheNextReply() {
            open(s(0));
            rules.dataReceived(s(5));
            rules.heartbeatMissed();
            assertThat(eval(s(5))).isEqualTo(new HealthStatus(Health.DEGRADED, Set.of(HEARTBEAT_MISSED)));
            assertThat(eval(s(6)).reasons()).containsExactly(HEARTBEAT_MISSED);
            rules.heartbeatAnswered();
            assertThat(eval(s(7)).reasons()).isEmpty();
        }

        @Test
        void theNextConnectionGetsAFreshChance() {
            open(s(0));
            rules.heartbeatMissed();
            drop(s(1));
            open(s(2));
            assertThat(eval(s(3)).reasons()).isEmpty();
        }
    }

    @Nested
    class Flapping {
        @Test
        void moreThanThreeClosesInFiveMinutes_andGoneWhenTheOldestLeavesTheWindow() {
            for (int i = 0; i < 3; i++) {
                open(s(i * 10));
                drop(s(i * 10 + 5));
            }
            open(s(30));
            assertThat(eval(s(31)).reasons()).as("three closes are not more than three").isEmpty();
            drop(s(35));
            assertThat(eval(s(35))).isEqualTo(new HealthStatus(Health.DOWN, Set.of(CLOSED, FLAPPING)));
            open(s(40));
            assertThat(eval(s(40))).isEqualTo(new HealthStatus(Health.DEGRADED, Set.of(FLAPPING)));
            // the first close was at 5 s: it leaves the window at 305 s
            assertThat(rules.nextCheck(s(40), HealthThresholds.OFF)).contains(Duration.ofSeconds(265));
            assertThat(eval(s(304.9), HealthThresholds.OFF).reasons()).containsExactly(FLAPPING);
            assertThat(eval(s(305), HealthThresholds.OFF).reasons()).isEmpty();
            assertThat(rules.nextCheck(s(305), HealthThresholds.OFF)).isEmpty();
        }

        @Test
        void attemptsThatNeverOpened_areNotFlapping() {
            for (int i = 0; i < 10; i++) {
                rules.stateChanged(State.CONNECTING, s(i));
                drop(s(i + 0.5));
            }
            assertThat(eval(s(10)).reasons()).containsExactly(CLOSED);
        }
    }

    @Test
    void severalReasons_atOnce() {
        open(s(0));
        rules.heartbeatMissed();
        stats.recordRtt(s(1), Duration.ofSeconds(1).toNanos());
        assertThat(eval(s(10)).reasons()).containsExactlyInAnyOrder(STALE, RTT_HIGH, HEARTBEAT_MISSED);
    }

    @Test
    void aStatus_isConsistent() {
        assertThatThrownBy(() -> new HealthStatus(Health.HEALTHY, Set.of(STALE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthStatus(Health.DEGRADED, Set.of(CLOSED)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HealthStatus.of(Set.<HealthReason>of()).health()).isEqualTo(Health.HEALTHY);
        assertThat(LatencySummary.empty(HealthRules.LATENCY_WINDOW).lossRatio()).isZero();
    }
}

package dev.wsmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alert's hysteresis on a fake clock: seconds are plain numbers here. */
class AlertHysteresisTest {

    private static final long S = 1_000_000_000L;
    private static final long T0 = 7 * S; // any start: the class never assumes 0

    private final AlertHysteresis h = new AlertHysteresis(Duration.ofSeconds(30), T0, 1_000_000);
    private final List<AlertHysteresis.Change> changes = new ArrayList<>();

    @Test
    void firesOnlyAfterTheHold_andNotJustBefore() {
        set(Health.DEGRADED, 10, HealthReason.STALE);

        at(39.999);
        assertThat(changes).isEmpty();
        assertThat(h.deadline()).hasValue(T0 + 40 * S);
        at(40);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.firing()).isTrue();
            assertThat(c.health()).isEqualTo(Health.DEGRADED);
            assertThat(c.reasons()).containsExactly(HealthReason.STALE);
            assertThat(c.sinceMs()).isEqualTo(1_000_000 + 10_000); // when the bad health began
        });
    }

    @Test
    void aBadSpellShorterThanTheHold_neverFires_andDegradedToDownKeepsTheClock() {
        set(Health.DEGRADED, 0, HealthReason.RTT_HIGH);
        set(Health.HEALTHY, 29);
        at(100);
        assertThat(changes).isEmpty();

        set(Health.DEGRADED, 100, HealthReason.RTT_HIGH);
        set(Health.DOWN, 120, HealthReason.CLOSED); // still not HEALTHY: the hold counts from 100
        at(130);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.firing()).isTrue();
            assertThat(c.health()).isEqualTo(Health.DOWN);
        });
    }

    @Test
    void resolvesOnlyWhenHealthyHeldAsLong_aShortRecoveryDoesNot() {
        set(Health.DOWN, 0, HealthReason.CLOSED);
        at(30);
        set(Health.HEALTHY, 40);
        set(Health.DOWN, 60, HealthReason.CLOSED); // 20 s healthy: not enough
        set(Health.HEALTHY, 65);
        at(94.9);
        assertThat(changes).hasSize(1);
        at(95);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).firing()).isFalse();
        assertThat(changes.get(1).health()).isEqualTo(Health.HEALTHY);
        assertThat(changes.get(1).reasons()).isEmpty();
        assertThat(changes.get(1).sinceMs()).isEqualTo(1_000_000 + 65_000);
        assertThat(h.deadline()).isEmpty();
    }

    @Test
    void aFlappingConnection_doesNotFireTwiceAMinute() {
        AlertHysteresis quick = new AlertHysteresis(Duration.ofSeconds(5), T0, 0);
        List<Integer> fireSeconds = new ArrayList<>();
        int resolves = 0;
        // 10 minutes of 6 s down, 6 s up: every spell outlasts the 5 s hold
        for (int u = 0; u < 600; u++) {
            long nanos = T0 + u * S;
            Optional<AlertHysteresis.Change> c = Optional.empty();
            if (u % 12 == 0) {
                c = quick.health(Health.DOWN, Set.of(HealthReason.CLOSED), nanos, u * 1000L);
            } else if (u % 12 == 6) {
                c = quick.health(Health.HEALTHY, Set.of(), nanos, u * 1000L);
            }
            c = c.isPresent() ? c : quick.advance(nanos);
            if (c.isPresent() && c.get().firing()) {
                fireSeconds.add(u);
            } else if (c.isPresent()) {
                resolves++;
            }
        }
        assertThat(fireSeconds).hasSizeBetween(2, 10);
        assertThat(resolves).isGreaterThanOrEqualTo(fireSeconds.size() - 1);
        for (int i = 1; i < fireSeconds.size(); i++) {
            assertThat(fireSeconds.get(i) - fireSeconds.get(i - 1)).isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void aFireWithinTheGap_waitsForTheGap_andNeedsTheBadHealthStill() {
        AlertHysteresis quick = new AlertHysteresis(Duration.ofSeconds(5), T0, 0);
        quick.health(Health.DOWN, Set.of(HealthReason.CLOSED), T0, 0);
        assertThat(quick.advance(T0 + 5 * S)).hasValueSatisfying(c -> assertThat(c.firing()).isTrue());
        quick.health(Health.HEALTHY, Set.of(), T0 + 6 * S, 6000);
        assertThat(quick.advance(T0 + 11 * S)).hasValueSatisfying(c -> assertThat(c.firing()).isFalse());
        quick.health(Health.DOWN, Set.of(HealthReason.CLOSED), T0 + 12 * S, 12000);

        assertThat(quick.deadline()).hasValue(T0 + 65 * S); // not 17 s: a minute after the first fire
        assertThat(quick.advance(T0 + 64 * S)).isEmpty();
        assertThat(quick.advance(T0 + 65 * S)).hasValueSatisfying(c -> {
            assertThat(c.firing()).isTrue();
            assertThat(c.sinceMs()).isEqualTo(12000);
        });
    }

    @Test
    void aShorterHoldAppliedLive_firesAtTheNextAdvance() {
        set(Health.DEGRADED, 0, HealthReason.LOSS);
        at(10);
        assertThat(changes).isEmpty();
        h.setHold(Duration.ofSeconds(5));
        at(10);
        assertThat(changes).hasSize(1);
    }

    private void set(Health health, double seconds, HealthReason... reasons) {
        long nanos = T0 + (long) (seconds * S);
        h.health(health, Set.of(reasons), nanos, 1_000_000 + (long) (seconds * 1000)).ifPresent(changes::add);
    }

    private void at(double seconds) {
        Optional<AlertHysteresis.Change> c = h.advance(T0 + (long) (seconds * S));
        c.ifPresent(changes::add);
    }
}

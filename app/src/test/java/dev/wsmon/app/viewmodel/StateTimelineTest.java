package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.viewmodel.StateTimeline.Kind;
import dev.wsmon.app.viewmodel.StateTimeline.Segment;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateTimelineTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void statesAndHealth_becomeSegments_notOpenShowsTheState_openShowsTheHealth() {
        LatencyHistory h = new LatencyHistory(T0, State.CLOSED, true);
        h.state(T0 + 1_000, State.CONNECTING);
        h.state(T0 + 2_000, State.OPEN);
        h.health(T0 + 2_000, Health.HEALTHY, Set.of());
        h.health(T0 + 5_000, Health.DEGRADED, Set.of(HealthReason.RTT_HIGH));
        h.health(T0 + 8_000, Health.HEALTHY, Set.of());
        h.state(T0 + 9_000, State.CLOSED);
        h.health(T0 + 9_000, Health.DOWN, Set.of(HealthReason.CLOSED));

        List<Segment> s = StateTimeline.segments(h, T0, T0 + 10_000);

        assertThat(s).containsExactly(
                new Segment(T0 + 1_000, T0 + 2_000, Kind.CONNECTING, Set.of()),
                new Segment(T0 + 2_000, T0 + 5_000, Kind.OPEN, Set.of()),
                new Segment(T0 + 5_000, T0 + 8_000, Kind.DEGRADED, Set.of(HealthReason.RTT_HIGH)),
                new Segment(T0 + 8_000, T0 + 9_000, Kind.OPEN, Set.of()),
                new Segment(T0 + 9_000, T0 + 10_000, Kind.CLOSED, Set.of()));
    }

    @Test
    void theWindow_clipsSegments_andTheStateAtItsStartIsKnown() {
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        h.health(T0 + 100, Health.DEGRADED, Set.of(HealthReason.STALE));
        h.state(T0 + 5_000, State.CLOSED);
        h.state(T0 + 6_000, State.CONNECTING);
        h.state(T0 + 7_000, State.OPEN);

        List<Segment> s = StateTimeline.segments(h, T0 + 4_000, T0 + 8_000);

        assertThat(s).extracting(Segment::kind).containsExactly(Kind.DEGRADED, Kind.CLOSED, Kind.CONNECTING, Kind.DEGRADED);
        assertThat(s.get(0).from()).isEqualTo(T0 + 4_000);
        assertThat(s.get(0).reasons()).containsExactly(HealthReason.STALE);
        assertThat(s.get(3).to()).isEqualTo(T0 + 8_000);
        assertThat(StateTimeline.closes(h, T0 + 4_000, T0 + 8_000)).isEqualTo(1);
        assertThat(StateTimeline.closes(h, T0 + 5_500, T0 + 8_000)).isZero();
    }

    @Test
    void aConnectionThatNeverStarted_hasNoSegments_andOneWithoutHealthReportsIsPlainOpen() {
        LatencyHistory idle = new LatencyHistory(T0, State.CLOSED, true);
        assertThat(StateTimeline.segments(idle, T0 - 60_000, T0 + 60_000)).isEmpty();

        LatencyHistory open = new LatencyHistory(T0, State.OPEN, false);
        assertThat(StateTimeline.segments(open, T0 - 60_000, T0 + 60_000))
                .containsExactly(new Segment(T0, T0 + 60_000, Kind.OPEN, Set.of()));
    }

    @Test
    void flapping_showsEveryClose_evenAShortOne() {
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        for (int i = 1; i <= 4; i++) {
            long at = T0 + i * 60_000L;
            h.state(at, State.CLOSED);
            h.state(at + 50, State.CONNECTING);
            h.state(at + 60, State.OPEN);
        }
        List<Segment> s = StateTimeline.segments(h, T0, T0 + 3_600_000);
        assertThat(s.stream().filter(x -> x.kind() == Kind.CLOSED).count()).isEqualTo(4);
        assertThat(StateTimeline.closes(h, T0, T0 + 3_600_000)).isEqualTo(4);
        // contiguous, no holes
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.get(i).from()).isEqualTo(s.get(i - 1).to());
        }
    }

    @Test
    void healthIsKeptThroughABackfill_andAging() {
        LatencyHistory older = new LatencyHistory(T0 - 600_000, State.OPEN, false);
        older.health(T0 - 500_000, Health.DEGRADED, Set.of(HealthReason.LOSS));
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        h.backfill(older);
        h.age(T0 + LatencyHistory.KEEP.toMillis() - 550_000);

        assertThat(h.knownSince()).isEqualTo(T0 - 600_000);
        assertThat(StateTimeline.segments(h, T0 - 100_000, T0)).extracting(Segment::kind).containsExactly(Kind.DEGRADED);
    }
}

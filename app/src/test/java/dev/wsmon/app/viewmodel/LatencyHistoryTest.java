package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistoryTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void keepsAnHourOfPoints_andAgesAgainstNow_evenWithoutNewSamples() {
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        h.add(T0, Duration.ofMillis(5));
        h.add(T0 + 30 * 60_000, Duration.ofMillis(6));

        h.age(T0 + 60 * 60_000 + 1);

        assertThat(h.points()).extracting(LatencyHistory.Point::millis).containsExactly(6.0);
        h.age(T0 + 2 * 60 * 60_000);
        assertThat(h.points()).isEmpty();
    }

    @Test
    void twoSamplesInOneMillisecond_keepBoth_oneMillisecondApart() {
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        h.add(T0, Duration.ofMillis(1));
        h.add(T0, Duration.ofMillis(2));

        assertThat(h.points()).extracting(LatencyHistory.Point::ts).containsExactly(T0, T0 + 1);
    }

    @Test
    void notOpenIntervalsBecomeBands_andLeavingOpenBreaksTheLine() {
        LatencyHistory h = new LatencyHistory(T0, State.CLOSED, true);
        h.state(T0 + 10, State.CONNECTING);
        h.state(T0 + 20, State.OPEN);
        h.add(T0 + 30, Duration.ofMillis(3));
        h.state(T0 + 40, State.CLOSED);

        assertThat(h.bands()).extracting(LatencyHistory.Band::state).containsExactly(State.CONNECTING, State.CLOSED);
        assertThat(h.bands().get(0).to()).isEqualTo(T0 + 20);
        assertThat(h.bands().get(1).ongoing()).isTrue();
        assertThat(h.points()).hasSize(2);
        assertThat(h.points().get(1).gap()).isTrue();
        assertThat(h.maxMillis(T0, T0 + 100)).isEqualTo(3.0);
    }

    @Test
    void aConnectionNeverStarted_showsNoClosedBandBeforeItsFirstAttempt() {
        LatencyHistory h = new LatencyHistory(T0, State.CLOSED, true);
        assertThat(h.bands()).isEmpty();
        h.state(T0 + 5, State.CONNECTING);
        assertThat(h.bands()).extracting(LatencyHistory.Band::state).containsExactly(State.CONNECTING);
    }

    @Test
    void sinceReturnsOnlyPointsNotTakenYet() {
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        h.add(T0, Duration.ofMillis(1));
        long cursor = h.nextSeq();
        h.add(T0 + 1000, Duration.ofMillis(2));
        h.add(T0 + 2000, Duration.ofMillis(3));

        assertThat(h.since(cursor)).extracting(LatencyHistory.Point::millis).containsExactly(2.0, 3.0);
        assertThat(h.since(h.nextSeq())).isEmpty();
    }

    @Test
    void marksChangeTheRevision() {
        LatencyHistory h = new LatencyHistory(T0, State.OPEN, false);
        long before = h.revision();
        h.mark(T0 + 1, "ping interval 1 s → 2 s");
        assertThat(h.revision()).isNotEqualTo(before);
        assertThat(h.marks()).extracting(LatencyHistory.Mark::label).containsExactly("ping interval 1 s → 2 s");
    }

    @Test
    void backfill_putsOlderHistoryInFront_withAGapBetween_andTakesNothingFromAfterItsStart() {
        LatencyHistory live = new LatencyHistory(T0, State.OPEN, false);
        live.add(T0 + 100, Duration.ofMillis(9));
        LatencyHistory older = new LatencyHistory(T0 - 10_000, State.OPEN, false);
        older.add(T0 - 9_000, Duration.ofMillis(1));
        older.state(T0 - 8_000, State.CONNECTING);
        older.state(T0 - 7_000, State.OPEN);
        older.mark(T0 - 6_000, "ping interval 1 s → 2 s");
        older.add(T0 - 5_000, Duration.ofMillis(2));
        older.add(T0 + 50, Duration.ofMillis(3)); // after the live history began: not taken
        long revision = live.revision();

        live.backfill(older);

        assertThat(live.points()).extracting(LatencyHistory.Point::ts)
                .containsExactly(T0 - 9_000, T0 - 8_000, T0 - 5_000, T0 - 4_999, T0 + 100);
        assertThat(live.points().get(3).gap()).isTrue();
        assertThat(live.points()).extracting(LatencyHistory.Point::seq).isSorted().doesNotHaveDuplicates();
        assertThat(live.bands()).containsExactly(new LatencyHistory.Band(T0 - 8_000, T0 - 7_000, State.CONNECTING));
        assertThat(live.marks()).extracting(LatencyHistory.Mark::ts).containsExactly(T0 - 6_000);
        assertThat(live.revision()).isNotEqualTo(revision);
        assertThat(live.maxMillis(T0 - 10_000, T0)).isEqualTo(2.0);
    }

    @Test
    void backfill_makesAReaderWithACursorStartOver_andLaterSamplesFollowOnAsUsual() {
        LatencyHistory live = new LatencyHistory(T0, State.OPEN, false);
        live.add(T0 + 100, Duration.ofMillis(9));
        long cursor = live.nextSeq();
        LatencyHistory older = new LatencyHistory(T0 - 10_000, State.OPEN, false);
        older.add(T0 - 9_000, Duration.ofMillis(1));

        live.backfill(older);
        live.add(T0 + 200, Duration.ofMillis(4));

        assertThat(live.firstSeq()).isGreaterThan(cursor); // what LatencyChartViewModel takes for "start over"
        assertThat(live.since(live.firstSeq())).extracting(LatencyHistory.Point::millis).last().isEqualTo(4.0);
    }

    @Test
    void backfill_keepsTheBounds_droppingTheOldest() {
        LatencyHistory live = new LatencyHistory(T0, State.OPEN, false);
        live.add(T0, Duration.ofMillis(9));
        LatencyHistory older = new LatencyHistory(T0 - LatencyHistory.MAX_POINTS - 10, State.OPEN, false);
        for (int i = LatencyHistory.MAX_POINTS + 5; i > 0; i--) {
            older.add(T0 - i, Duration.ofMillis(1));
        }

        live.backfill(older);

        assertThat(live.size()).isEqualTo(LatencyHistory.MAX_POINTS);
        assertThat(live.points().get(LatencyHistory.MAX_POINTS - 1).ts()).isEqualTo(T0);
    }
}

package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.testing.Events;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatencyChartViewModelTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final ConnectionViewModel b = h.main.add(ConnectionSpec.of("b", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final LatencyChartViewModel chart = new LatencyChartViewModel(h.main);

    @AfterEach
    void close() {
        h.close();
    }

    private void samples(ConnectionViewModel conn, int n) {
        Events events = Events.of(conn.id());
        for (int i = 0; i < n; i++) {
            h.inbox.accept(events.latency(h.clock.get() + i, i, Duration.ofMillis(3)));
        }
        h.clock.addAndGet(MainViewModel.ROUTINE_MILLIS); // samples are routine: they apply at the next slot's tick
        h.main.tick();
    }

    @Test
    void pull_rebuildsForANewSelection_thenGivesOnlyNewPoints() {
        samples(a, 3);
        LatencyChartViewModel.Delta first = chart.pull();
        assertThat(first.rebuild()).isTrue();
        assertThat(first.points()).hasSize(3);

        assertThat(chart.pull().points()).isEmpty();
        samples(a, 2);
        LatencyChartViewModel.Delta next = chart.pull();
        assertThat(next.rebuild()).isFalse();
        assertThat(next.points()).hasSize(2);

        h.main.selectedProperty().set(b);
        assertThat(chart.pull().rebuild()).isTrue();
    }

    @Test
    void pull_startsOverAfterABackfill_withTheOlderPointsFirst() {
        samples(a, 2);
        chart.pull();
        LatencyHistory older = new LatencyHistory(h.clock.get() - 60_000, dev.wsmon.core.State.OPEN, false);
        for (int i = 0; i < 30; i++) {
            older.add(h.clock.get() - 60_000 + i * 1_000L, Duration.ofMillis(5));
        }

        a.history().backfill(older);
        LatencyChartViewModel.Delta d = chart.pull();

        assertThat(d.rebuild()).isTrue();
        assertThat(d.structure()).isTrue();
        assertThat(d.points()).hasSize(30 + 1 + 2); // the older points, the gap between the runs, the live ones
        assertThat(d.points()).extracting(LatencyHistory.Point::ts).isSorted();
    }

    @Test
    void theWindowSetsTheAxis_andChoosingOneFollowsNowAgain() {
        chart.followProperty().set(false);
        h.main.windowProperty().set(ChartWindow.FIFTEEN_MINUTES);

        assertThat(chart.followProperty().get()).isTrue();
        assertThat(chart.domain(1_000_000_000L)).containsExactly(1_000_000_000L - 900_000, 1_000_000_000L);
        assertThat(chart.subtitleProperty().get()).endsWith("(last 15 min)");
    }

    @Test
    void pointsAreMarkedWithDots_onlyWhileTheyStandApart() {
        assertThat(LatencyChartViewModel.markPoints(0, 0)).isTrue();
        assertThat(LatencyChartViewModel.markPoints(60, 900)).isTrue(); // 1 min of 1 s pings: 15 px apart
        assertThat(LatencyChartViewModel.markPoints(300, 900)).isFalse(); // 5 min: 3 px apart, a smear
        assertThat(LatencyChartViewModel.markPoints(3600, 900)).isFalse();
    }

    @Test
    void theRttAxisEndsOnARoundNumberAboveTheHighestPoint() {
        assertThat(LatencyChartViewModel.upperBound(Double.NaN)).isEqualTo(1.0);
        assertThat(LatencyChartViewModel.upperBound(0.3)).isEqualTo(1.0);
        assertThat(LatencyChartViewModel.upperBound(84)).isEqualTo(100.0);
        assertThat(LatencyChartViewModel.upperBound(130)).isEqualTo(150.0);
        assertThat(LatencyChartViewModel.upperBound(2.6)).isEqualTo(3.0);
    }
}

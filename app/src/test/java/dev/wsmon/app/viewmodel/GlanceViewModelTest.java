package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The view model over a real engine and inbox, on a fake clock: events are published as the engine would. */
class GlanceViewModelTest {

    private static final long T0 = 1_700_000_040_000L;

    private final Harness h = new Harness();
    private final GlanceViewModel glance = new GlanceViewModel(h.main);
    private final ConnectionViewModel a;
    private final ConnectionViewModel b;

    GlanceViewModelTest() {
        h.clock.set(T0);
        a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/a", Harness.FAST), false);
        b = h.main.add(ConnectionSpec.of("b", "ws://127.0.0.1:9/b", Harness.FAST), false);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void at(long ts) {
        h.clock.set(ts);
        h.main.tick();
    }

    @Test
    void sparklines_followTheRoutineSecond_andTheChartsWindow() {
        Events ev = Events.of(a.id());
        var line = glance.sparkline(a);
        at(T0 + 1_000);
        h.inbox.accept(ev.state(T0 + 1_100, State.OPEN, State.CLOSED, 1));
        h.inbox.accept(ev.latency(T0 + 1_500, 1, Duration.ofMillis(12)));
        at(T0 + 1_600); // a state change takes its lane at once, the sample with it; the sparkline waits for the second
        assertThat(line.get().last()).isNaN();
        at(T0 + 2_000);
        assertThat(line.get().last()).isEqualTo(12.0);
        assertThat(line.get().at(RttSparkline.COLUMNS - 2)).isEqualTo(12.0);

        h.main.windowProperty().set(ChartWindow.ONE_HOUR);
        assertThat(line.get().at(RttSparkline.COLUMNS - 1)).isEqualTo(12.0); // a minute a column: the current one
        assertThat(glance.sparkline(b).get()).isEqualTo(RttSparkline.Data.EMPTY);
    }

    @Test
    void healthChangedEvents_reachTheTimeline_beside_theStates() {
        Events ev = Events.of(a.id());
        h.inbox.accept(ev.state(T0 + 100, State.CONNECTING, State.CLOSED, 1));
        h.inbox.accept(ev.state(T0 + 200, State.OPEN, State.CONNECTING, 1));
        h.inbox.accept(new HealthChanged(a.id(), T0 + 200, Health.HEALTHY, Set.of()));
        h.inbox.accept(new HealthChanged(a.id(), T0 + 10_000, Health.DEGRADED, Set.of(HealthReason.STALE)));
        at(T0 + 20_000);

        var rows = glance.timeline(T0 + 20_000);

        assertThat(rows).extracting(StateTimeline.Row::connection).containsExactly(a, b);
        assertThat(rows.get(0).segments()).extracting(StateTimeline.Segment::kind).containsExactly(
                StateTimeline.Kind.CONNECTING, StateTimeline.Kind.OPEN, StateTimeline.Kind.DEGRADED);
        assertThat(rows.get(0).at(T0 + 15_000).orElseThrow().reasons()).containsExactly(HealthReason.STALE);
        assertThat(rows.get(1).segments()).isEmpty(); // b never started
    }

    @Test
    void theTimelineRedrawsOnAChange_atOnce_andOtherwiseSlidesOnTheRoutineSecondOnly() {
        at(T0 + 1_000);
        assertThat(glance.timelineDue(h.main.now(), 600)).isTrue(); // first draw
        at(T0 + 1_100);
        assertThat(glance.timelineDue(h.main.now(), 600)).isFalse();
        at(T0 + 2_000);
        assertThat(glance.timelineDue(h.main.now(), 600)).isTrue(); // the routine second: slide
        at(T0 + 2_100);
        assertThat(glance.timelineDue(h.main.now(), 600)).isFalse();

        h.inbox.accept(Events.of(a.id()).state(T0 + 2_150, State.CONNECTING, State.CLOSED, 1));
        at(T0 + 2_200);
        assertThat(glance.timelineDue(h.main.now(), 600)).isTrue(); // a state change: at once

        h.inbox.accept(new HealthChanged(a.id(), T0 + 2_250, Health.DOWN, Set.of(HealthReason.CLOSED)));
        at(T0 + 2_300);
        assertThat(glance.timelineDue(h.main.now(), 600)).isTrue(); // a health change: at once

        h.main.windowProperty().set(ChartWindow.ONE_HOUR);
        at(T0 + 2_400);
        assertThat(glance.timelineDue(h.main.now(), 600)).isTrue();
        at(T0 + 3_000);
        // an hour over 600 px: 6 s a pixel, so the routine second alone does not slide it
        assertThat(glance.timelineDue(h.main.now(), 600)).isFalse();
        at(T0 + 9_000);
        assertThat(glance.timelineDue(h.main.now(), 600)).isTrue();
    }

    @Test
    void aRemovedConnection_leavesTheTimeline() {
        glance.sparkline(a);
        h.main.remove(a);
        assertThat(glance.timeline(T0)).extracting(StateTimeline.Row::connection).containsExactly(b);
    }
}

package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RttSparklineTest {

    /** A whole minute on the clock, so that one-second columns start at round seconds. */
    private static final long T0 = 1_700_000_040_000L;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final LatencyHistory h = new LatencyHistory(T0 - 120_000, State.OPEN, false);
    private final RttSparkline line = new RttSparkline();

    @Test
    void eachColumnHoldsTheHighestRttOfItsSlice_theNewestOnTheRight() {
        h.add(T0 - 2_000, Duration.ofMillis(5));
        h.add(T0 - 1_500, Duration.ofMillis(9));
        h.add(T0 - 1_000, Duration.ofMillis(3));

        RttSparkline.Data d = line.update(h, T0, MINUTE);

        int n = RttSparkline.COLUMNS;
        assertThat(d.at(n - 1)).isNaN(); // the current second: nothing yet
        assertThat(d.at(n - 2)).isEqualTo(3.0);
        assertThat(d.at(n - 3)).isEqualTo(9.0);
        assertThat(d.at(n - 4)).isNaN();
        assertThat(d.last()).isEqualTo(3.0);
        assertThat(d.upper()).isEqualTo(LatencyChartViewModel.upperBound(9.0));
    }

    @Test
    void sliding_movesWholeColumns_andDropsWhatLeftTheWindow() {
        h.add(T0 - 59_000, Duration.ofMillis(40));
        h.add(T0 - 1_000, Duration.ofMillis(2));
        RttSparkline.Data d = line.update(h, T0, MINUTE);
        assertThat(d.at(0)).isEqualTo(40.0);

        d = line.update(h, T0 + 1_000, MINUTE);
        assertThat(d.at(0)).isNaN();
        assertThat(d.at(RttSparkline.COLUMNS - 3)).isEqualTo(2.0);
        assertThat(d.upper()).isEqualTo(LatencyChartViewModel.upperBound(2.0));

        d = line.update(h, T0 + 600_000, MINUTE);
        assertThat(d).isEqualTo(RttSparkline.Data.EMPTY);
    }

    @Test
    void aCallWithNothingNew_returnsTheSameData_soACellNeedNotRedraw() {
        h.add(T0 - 1_000, Duration.ofMillis(2));
        RttSparkline.Data first = line.update(h, T0, MINUTE);
        assertThat(line.update(h, T0 + 10, MINUTE)).isSameAs(first);
        h.add(T0 + 20, Duration.ofMillis(2));
        assertThat(line.update(h, T0 + 30, MINUTE)).isNotSameAs(first);
    }

    @Test
    void anOutage_isAGap_andAnotherWindowRebuildsFromTheHistory() {
        h.add(T0 - 10_000, Duration.ofMillis(4));
        h.state(T0 - 9_000, State.CLOSED);
        h.state(T0 - 3_000, State.OPEN);
        h.add(T0 - 2_000, Duration.ofMillis(6));
        line.update(h, T0, MINUTE);

        RttSparkline.Data hour = line.update(h, T0, Duration.ofHours(1));

        // an hour in 60 columns of a minute: both samples in the newest column but one
        int filled = 0;
        for (int i = 0; i < RttSparkline.COLUMNS; i++) {
            filled += Double.isNaN(hour.at(i)) ? 0 : 1;
        }
        assertThat(filled).isEqualTo(1);
        assertThat(hour.last()).isEqualTo(6.0);
        RttSparkline.Data minute = line.update(h, T0, MINUTE);
        int n = RttSparkline.COLUMNS;
        assertThat(minute.at(n - 11)).isEqualTo(4.0);
        for (int i = n - 10; i < n - 3; i++) {
            assertThat(minute.at(i)).as("column %d, during the outage", i).isNaN();
        }
        assertThat(minute.at(n - 3)).isEqualTo(6.0);
    }

    @Test
    void aBackfilledHistory_showsItsOlderPoints() {
        line.update(h, T0, MINUTE);
        LatencyHistory older = new LatencyHistory(T0 - 600_000, State.OPEN, false);
        older.add(T0 - 150_000, Duration.ofMillis(70));
        h.backfill(older);
        RttSparkline.Data d = line.update(h, T0, Duration.ofMinutes(5));
        assertThat(d.last()).isEqualTo(70.0);
    }
}

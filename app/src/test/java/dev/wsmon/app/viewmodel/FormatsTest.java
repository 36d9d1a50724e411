package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void elapsedTimesStayShortForATableCell() {
        assertThat(Formats.elapsed(Duration.ofMillis(350))).isEqualTo("350 ms");
        assertThat(Formats.elapsed(Duration.ofMillis(4_200))).isEqualTo("4.2 s");
        assertThat(Formats.elapsed(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Formats.elapsed(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(Formats.elapsed(Duration.ofMinutes(62))).isEqualTo("1 h 02 min");
        assertThat(Formats.elapsed(Duration.ofHours(51))).isEqualTo("2 d 03 h");
    }

    @Test
    void roundTripTimesKeepThreeSignificantDigits() {
        assertThat(Formats.rtt(Duration.ofNanos(310_000))).isEqualTo("0.31 ms");
        assertThat(Formats.rtt(Duration.ofNanos(12_440_000))).isEqualTo("12.4 ms");
        assertThat(Formats.rtt(Duration.ofMillis(123))).isEqualTo("123 ms");
        assertThat(Formats.rtt(Duration.ofMillis(1_234))).isEqualTo("1.23 s");
        assertThat(Formats.percent(0)).isEqualTo("0 %");
        assertThat(Formats.percent(0.008)).isEqualTo("0.8 %");
        assertThat(Formats.percent(0.12)).isEqualTo("12 %");
    }

    @Test
    void settingsAreExact_andMeasuredDelaysAreRoundedForReading() {
        assertThat(Formats.duration(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Formats.duration(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(Formats.duration(Duration.ofMillis(1_250))).isEqualTo("1.25 s");
        assertThat(Formats.duration(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Formats.duration(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(Formats.duration(Duration.ofMillis(1_001))).isEqualTo("1001 ms");
        assertThat(Formats.measured(Duration.ofNanos(946_302_013))).isEqualTo("946 ms");
        assertThat(Formats.measured(Duration.ofNanos(1_779_156_305))).isEqualTo("1.78 s");
        assertThat(Formats.measured(Duration.ofNanos(7_345_121))).isEqualTo("7.35 ms");
        assertThat(Formats.measured(Duration.ofNanos(3_000_746_637L))).isEqualTo("3 s");
    }
}

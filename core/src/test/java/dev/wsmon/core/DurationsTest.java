package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations as people write them on the command line and in profiles (cli-contract.md). */
class DurationsTest {

    @ParameterizedTest(name = "''{0}'' is {1} ns")
    @CsvSource({
        "250ms, 250000000",
        "1.5s, 1500000000",
        "2m, 120000000000",
        "1h, 3600000000000",
        "0.5ms, 500000",
        "10s, 10000000000",
        "'1.5 s', 1500000000",
        "' 2M ', 120000000000",
        "0ms, 0"})
    void parse_readsANumberWithItsUnit(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"10", "abc", "-1s", "1.5.2s", "1d", "s", "1 000ms", "1,5s", ".5s"})
    @NullAndEmptySource
    void parse_refusesAnythingElse_sayingWhatIsAccepted(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write a number with ms, s, m or h, e.g. 250ms, 1.5s, 2m");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"99999999999h", "9223372036854775808ms"})
    void parse_refusesADurationTooLongToHold(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too long a duration");
    }

    @ParameterizedTest(name = "{0} ns prints as ''{1}''")
    @CsvSource({
        "250000000, 250 ms",
        "1500000, 1.5 ms",
        "1500000000, 1.5 s",
        "1001000000, 1001 ms",
        "15000000000, 15 s",
        "90000000000, 90 s",
        "120000000000, 2 min",
        "7200000000000, 2 h",
        "3600000000000, 1 h",
        "5400000000000, 1.5 h",
        "0, 0 ms",
        "-1000000, -1 ms"})
    void format_printsForPeople(long nanos, String text) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }

    @ParameterizedTest(name = "measured {0} ns prints as ''{1}''")
    @CsvSource({
        "3000746637, 3 s",
        "7345121, 7.35 ms",
        "310000, 0.31 ms",
        "4120, 0.004 ms",
        "12440000, 12.4 ms",
        "123000000, 123 ms",
        "999700000, 1 s",
        "1779156305, 1.78 s",
        "270000000000, 270 s",
        "750000000000, 12.5 min",
        "0, 0 ms",
        "-7345121, -7.35 ms"})
    void measured_keepsAboutThreeSignificantDigits(long nanos, String text) {
        assertThat(Durations.measured(Duration.ofNanos(nanos))).isEqualTo(text);
    }

    @Test
    void neitherFormatThrows_forDurationsPastWhatNanosecondsHold() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);

        assertThat(Durations.format(Duration.ofSeconds(99_999_999_999L))).isEqualTo("1666666666.65 min");
        assertThat(Durations.format(huge)).isNotBlank();
        assertThat(Durations.measured(Duration.ofSeconds(99_999_999_999L))).isEqualTo("27800000 h");
        assertThat(Durations.measured(huge)).endsWith(" h");
    }

    @ParameterizedTest(name = "{0} ns")
    @ValueSource(longs = {250_000_000L, 1_500_000_000L, 120_000_000_000L, 3_600_000_000_000L, 10_000_000L,
        90_000_000_000L, 0L, 10_500_000L})
    void toSyntax_isReadBackByParse_asTheSameDuration(long nanos) {
        Duration d = Duration.ofNanos(nanos);

        assertThat(Durations.parse(Durations.toSyntax(d))).isEqualTo(d);
    }
}

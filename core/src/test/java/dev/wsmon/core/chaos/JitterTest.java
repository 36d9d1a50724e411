package dev.wsmon.core.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JitterTest {

    private static final long MS = 1_000_000L;

    @Test
    void aDrawHoldsForItsPeriod_andTheNextAskAfterItDrawsAgain_withinTheRange() {
        Jitter jitter = new Jitter(Duration.ofMillis(25), Duration.ofMillis(200));
        long first = jitter.offsetNanos(0);

        assertThat(jitter.offsetNanos(199 * MS)).as("within the period").isEqualTo(first);
        Set<Long> draws = new HashSet<>();
        for (long t = 200; t <= 200 * 40; t += 200) {
            long offset = jitter.offsetNanos(t * MS);
            assertThat(offset).isBetween(-25 * MS, 25 * MS);
            assertThat(jitter.offsetNanos(t * MS + 150 * MS)).isEqualTo(offset);
            draws.add(offset);
        }
        assertThat(draws).as("40 draws over a 50 ms range").hasSizeGreaterThan(30);
    }

    @Test
    void noRange_isNoOffset_andABadRangeOrPeriodIsRefused() {
        assertThat(Jitter.NONE.offsetNanos(123)).isZero();
        assertThat(new Jitter(Duration.ZERO, Duration.ofMillis(1)).offsetNanos(5 * MS)).isZero();
        assertThatThrownBy(() -> new Jitter(Duration.ofMillis(-1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Jitter(Duration.ofMillis(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

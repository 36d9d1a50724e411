package dev.wsmon.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PingTimeoutAdvisorTest {

    private final PingTimeoutAdvisor a = new PingTimeoutAdvisor();

    @Test
    void aPingTimeoutBelowThreeTimesP99_isAdvisedOnce_withARoundedUpSuggestion() {
        for (int i = 0; i < 19; i++) {
            assertThat(a.sample(Duration.ofMillis(i < 10 ? 100 : 450), Duration.ofSeconds(1))).isEmpty();
        }
        // the 20th sample: p99 450 ms, and 3 × 450 ms = 1.35 s > 1 s
        Optional<PingTimeoutAdvisor.Finding> f = a.sample(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertThat(f).hasValueSatisfying(x -> {
            assertThat(x.p99()).isEqualTo(Duration.ofMillis(450));
            assertThat(x.current()).isEqualTo(Duration.ofSeconds(1));
            assertThat(x.suggest()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThat(a.sample(Duration.ofMillis(450), Duration.ofSeconds(1))).as("once per value").isEmpty();
        assertThat(a.sample(Duration.ofMillis(450), Duration.ofMillis(1200))).as("a new, still short value").isPresent();
        assertThat(a.sample(Duration.ofMillis(450), Duration.ofSeconds(2))).as("long enough").isEmpty();
    }

    @Test
    void aGenerousPingTimeout_orTooFewSamples_isNoAdvice() {
        for (int i = 0; i < 19; i++) {
            assertThat(a.sample(Duration.ofSeconds(1), Duration.ofSeconds(1))).isEmpty(); // too few to tell
        }
        PingTimeoutAdvisor b = new PingTimeoutAdvisor();
        for (int i = 0; i < 100; i++) {
            assertThat(b.sample(Duration.ofMillis(100), Duration.ofMillis(300))).isEmpty(); // exactly 3 × p99
        }
    }

    @Test
    void roundsUp() {
        assertThat(PingTimeoutAdvisor.roundUp(Duration.ofMillis(1350))).isEqualTo(Duration.ofSeconds(2));
        assertThat(PingTimeoutAdvisor.roundUp(Duration.ofMillis(301))).isEqualTo(Duration.ofMillis(400));
        assertThat(PingTimeoutAdvisor.roundUp(Duration.ofNanos(3_000_001))).isEqualTo(Duration.ofMillis(100));
    }
}

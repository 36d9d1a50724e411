package dev.wsmon.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Initiator;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdleTimeoutDetectorTest {

    private final IdleTimeoutDetector d = new IdleTimeoutDetector();

    @Test
    void twoAttemptsInARow_endingAfterTheSameIdleTime_areTheSignature() {
        assertThat(d.attemptEnded(Duration.ofMillis(10_000), true)).isEmpty();
        Optional<IdleTimeoutDetector.Finding> f = d.attemptEnded(Duration.ofMillis(10_900), true);

        assertThat(f).hasValueSatisfying(x -> {
            assertThat(x.attempts()).isEqualTo(2);
            assertThat(x.idle()).isEqualTo(Duration.ofMillis(10_450));
        });
        assertThat(d.attemptEnded(Duration.ofMillis(10_100), true)).as("once per run").isEmpty();
    }

    @Test
    void idleTimesMoreThanTenPercentApart_areNoSignature() {
        d.attemptEnded(Duration.ofMillis(10_000), true);
        assertThat(d.attemptEnded(Duration.ofMillis(11_200), true)).isEmpty();
        // but the second starts a run of its own
        assertThat(d.attemptEnded(Duration.ofMillis(11_000), true)).isPresent();
    }

    @Test
    void anAttemptThatEndedOtherwise_breaksTheRun() {
        d.attemptEnded(Duration.ofSeconds(10), true);
        d.attemptEnded(Duration.ofSeconds(10), false);
        assertThat(d.attemptEnded(Duration.ofSeconds(10), true)).isEmpty();
        assertThat(d.attemptEnded(Duration.ofSeconds(10), true)).isPresent();
    }

    @Test
    void aServerThatDropsAtOnce_isNoIdleTimer() {
        d.attemptEnded(Duration.ofMillis(5), true);
        assertThat(d.attemptEnded(Duration.ofMillis(5), true)).isEmpty();
    }

    @Test
    void afterReset_theRunStartsAgain() {
        d.attemptEnded(Duration.ofSeconds(4), true);
        assertThat(d.attemptEnded(Duration.ofSeconds(4), true)).isPresent();
        d.reset();
        assertThat(d.attemptEnded(Duration.ofSeconds(4), true)).isEmpty();
        assertThat(d.attemptEnded(Duration.ofSeconds(4), true)).isPresent();
    }

    @Test
    void signature_isAnEndWithoutCloseFrame_orTheServersGoingAway() {
        assertThat(IdleTimeoutDetector.looksLikeIdleKill(CloseReport.abnormal(Initiator.NETWORK, CloseCause.EOF, ""))).isTrue();
        assertThat(IdleTimeoutDetector.looksLikeIdleKill(CloseReport.abnormal(Initiator.NETWORK, CloseCause.RESET, ""))).isTrue();
        assertThat(IdleTimeoutDetector.looksLikeIdleKill(remote(1001))).isTrue();
        assertThat(IdleTimeoutDetector.looksLikeIdleKill(remote(1000))).isFalse();
        assertThat(IdleTimeoutDetector.looksLikeIdleKill(
                CloseReport.abnormal(Initiator.LOCAL, CloseCause.KEEPALIVE_TIMEOUT, ""))).isFalse();
    }

    @Test
    void suggestion_isHalfTheIdleTime_roundedDown() {
        assertThat(IdleTimeoutDetector.suggestPingInterval(Duration.ofMillis(60_400))).isEqualTo(Duration.ofSeconds(30));
        assertThat(IdleTimeoutDetector.suggestPingInterval(Duration.ofMillis(5_100))).isEqualTo(Duration.ofSeconds(2));
        assertThat(IdleTimeoutDetector.suggestPingInterval(Duration.ofMillis(1_530))).isEqualTo(Duration.ofMillis(700));
        assertThat(IdleTimeoutDetector.suggestPingInterval(Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(10));
    }

    private static CloseReport remote(int code) {
        return new CloseReport(code, "", Initiator.REMOTE, CloseCause.REMOTE_CLOSE, Duration.ZERO, -1, "", 0,
                Optional.empty(), true);
    }
}

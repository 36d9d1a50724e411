package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.diagnosis.CloseDiagnosis;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.HttpRejectServer;
import dev.wsmon.core.testing.NeverUpgradeServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attempts that cannot open end at the open timeout, or as the server's answer says, then retry. */
class OpenTimeoutTest {

    private Fixture engine;

    @BeforeEach
    void start() {
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void closesWith_openTimeout_whenServerNeverAnswersUpgrade_thenRetries() {
        try (NeverUpgradeServer server = NeverUpgradeServer.start()) {
            Settings settings = Fixture.fast().openTimeout(Duration.ofMillis(300))
                    .reconnectInitial(Duration.ofMillis(100)).reconnectMax(Duration.ofMillis(100)).build();
            Fixture.Watched w = engine.open("mute", server.uri(), settings);

            EventRecorder.Seen connecting = w.events().awaitState(State.CONNECTING, 0, Fixture.PROMPT);
            EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);
            CloseReport report = ((StateChanged) closed.event()).close().orElseThrow();
            assertThat(report.cause()).isEqualTo(CloseCause.OPEN_TIMEOUT);
            assertThat(report.code()).isEqualTo(1006);
            assertThat(Duration.ofNanos(closed.nanos() - connecting.nanos()))
                    .isBetween(settings.openTimeout().minusMillis(20), settings.openTimeout().plus(Fixture.MARGIN));

            ReconnectScheduled retry = (ReconnectScheduled) w.events()
                    .awaitNext(ReconnectScheduled.class, r -> true, 0, Fixture.PROMPT).event();
            assertThat(retry.attempt()).isEqualTo(2);
            assertThat(retry.delay()).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            w.events().awaitNext(StateChanged.class, s -> s.state() == State.CONNECTING && s.attempt() == 2, 0, Fixture.PROMPT);
            server.awaitAccepted(2, Fixture.PROMPT);
        }
    }

    @Test
    void honoursRetryAfter_whenServerAnswers503() {
        try (HttpRejectServer server = HttpRejectServer.start("503 Service Unavailable", Map.of("Retry-After", "2"))) {
            Fixture.Watched w = engine.open("busy", server.uri(), Fixture.fast().build());

            EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);
            CloseReport report = ((StateChanged) closed.event()).close().orElseThrow();
            assertThat(report.cause()).isEqualTo(CloseCause.HTTP_REJECTED);
            assertThat(report.httpStatus()).isEqualTo(503);
            assertThat(report.retryAfter()).contains(Duration.ofSeconds(2));
            assertThat(report.code()).isEqualTo(1006);

            ReconnectScheduled retry = (ReconnectScheduled) w.events()
                    .awaitNext(ReconnectScheduled.class, r -> true, 0, Fixture.PROMPT).event();
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(retry.basis()).isEqualTo("retry-after");

            server.awaitRequests(2, Duration.ofSeconds(8));
            assertThat(server.intervals().get(0)).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2000).plus(Fixture.MARGIN));
        }
    }

    /** A number from the network is clamped before arithmetic: the CLOSED is reported and can be put in words. */
    @ParameterizedTest(name = "Retry-After: {0}")
    @ValueSource(strings = {"99999999999", "9223372036854775807", "99999999999999999999999999"})
    void absurdRetryAfter_isClamped_andTheCloseIsStillReportedAndDescribed(String retryAfter) {
        try (HttpRejectServer server = HttpRejectServer.start("503 Service Unavailable", Map.of("Retry-After", retryAfter))) {
            Fixture.Watched w = engine.open("absurd", server.uri(), Fixture.fast().build());

            EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);
            CloseReport report = ((StateChanged) closed.event()).close().orElseThrow();
            assertThat(report.cause()).isEqualTo(CloseCause.HTTP_REJECTED);
            assertThat(report.retryAfter()).contains(Duration.ofDays(365));
            assertThat(CloseDiagnosis.detail(report)).isEqualTo("server answered the upgrade with HTTP 503; retry after 8760 h");
            assertThat(CloseDiagnosis.explain(report, Settings.DEFAULTS).summary()).contains("retry after 8760 h");
            assertThat(report.retryAfter().orElseThrow().toMillis()).isPositive();

            ReconnectScheduled retry = (ReconnectScheduled) w.events()
                    .awaitNext(ReconnectScheduled.class, r -> true, 0, Fixture.PROMPT).event();
            assertThat(retry.delay()).isEqualTo(Duration.ofHours(1));
        }
    }
}

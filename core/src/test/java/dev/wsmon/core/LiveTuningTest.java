package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keepalive and timeouts are tuned while connected, without a reconnect. */
class LiveTuningTest {

    private TestServer server;
    private Fixture engine;

    @BeforeEach
    void start() {
        server = TestServer.start();
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    @Test
    void shorterPingInterval_appliesToTheNextPings_withoutReconnecting() {
        Settings slow = Fixture.fast().pingInterval(Duration.ofMillis(600)).pingTimeout(Duration.ofSeconds(2)).build();
        Fixture.Watched w = engine.open("feed", Fixture.ws(server.port()), slow);
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        awaitSamples(w.events(), 2, 0);
        assertThat(medianGap(w.events(), 0)).isGreaterThanOrEqualTo(Duration.ofMillis(550));

        int mark = w.events().size();
        Settings quick = slow.toBuilder().pingInterval(Duration.ofMillis(50)).build();
        w.conn().applySettings(quick);

        SettingsApplied applied = (SettingsApplied) w.events()
                .awaitNext(SettingsApplied.class, s -> true, mark, Fixture.PROMPT).event();
        assertThat(applied.settings()).isEqualTo(quick);
        assertThat(applied.previous()).isEqualTo(slow);
        int afterApply = w.events().size();
        awaitSamples(w.events(), 6, afterApply);
        assertThat(medianGap(w.events(), afterApply)).isLessThan(Duration.ofMillis(300));
        assertThat(w.events().states(State.CONNECTING)).as("no reconnect").hasSize(1);
        assertThat(w.conn().snapshot().settings()).isEqualTo(quick);
        assertThat(server.openedCount()).isEqualTo(1);
    }

    @Test
    void invalidChange_isRefusedWithItsMessage_andOldSettingsStay() {
        Settings settings = Fixture.fast().build();
        Fixture.Watched w = engine.open("feed", Fixture.ws(server.port()), settings);
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

        assertThatThrownBy(() -> w.conn().applySettings(settings.toBuilder().pingTimeout(Duration.ZERO).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ping timeout must be ≥ 10 ms, got 0 ms");

        assertThat(w.conn().snapshot().settings()).isEqualTo(settings);
        assertThat(w.events().all(SettingsApplied.class)).isEmpty();
        assertThat(w.conn().snapshot().state()).isEqualTo(State.OPEN);
    }

    private static void awaitSamples(EventRecorder events, int n, int from) {
        events.await(n + " latency samples", ev -> ev.subList(Math.min(from, ev.size()), ev.size()).stream()
                .filter(e -> e instanceof LatencySample).count() >= n, Fixture.PROMPT);
    }

    private static Duration medianGap(EventRecorder events, int from) {
        List<EventRecorder.Seen> seen = events.seen();
        List<Long> times = seen.subList(from, seen.size()).stream()
                .filter(s -> s.event() instanceof LatencySample).map(EventRecorder.Seen::nanos).toList();
        long[] gaps = new long[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = times.get(i) - times.get(i - 1);
        }
        java.util.Arrays.sort(gaps);
        return Duration.ofNanos(gaps[gaps.length / 2]);
    }
}

package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Setting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TuningViewModelTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void showsTheSelectedConnectionsRunningValues() {
        h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
        TuningViewModel t = new TuningViewModel(h.main);

        assertThat(t.textProperty(Setting.PING_INTERVAL).get()).isEqualTo("200ms");
        assertThat(t.textProperty(Setting.RECONNECT_MAX).get()).isEqualTo("500ms");
        assertThat(t.canApplyProperty().get()).isTrue();
    }

    @Test
    void anInvalidValue_showsTheEnginesMessageOnItsField_disablesApply_andChangesNothing() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
        TuningViewModel t = new TuningViewModel(h.main);

        t.textProperty(Setting.PING_TIMEOUT).set("0ms");

        assertThat(t.errorProperty(Setting.PING_TIMEOUT).get()).isEqualTo("Ping timeout must be ≥ 10 ms, got 0 ms");
        assertThat(t.errorProperty(Setting.PING_INTERVAL).get()).isEmpty();
        assertThat(t.canApplyProperty().get()).isFalse();
        assertThat(t.canApplyAllProperty().get()).isFalse();
        assertThat(t.applyToSelected()).isFalse();
        assertThat(t.applyToAll()).isFalse();
        h.main.tick();
        assertThat(c.settings()).isEqualTo(Harness.FAST);
        assertThat(c.log()).noneMatch(l -> l.kind() == LogKind.SETTINGS);
    }

    @Test
    void textThatIsNoDuration_saysWhatIsAccepted() {
        h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
        TuningViewModel t = new TuningViewModel(h.main);

        t.textProperty(Setting.OPEN_TIMEOUT).set("soon");

        assertThat(t.errorProperty(Setting.OPEN_TIMEOUT).get())
                .isEqualTo("'soon' is not a duration; write a number with ms, s, m or h, e.g. 250ms, 1.5s, 2m");
    }

    @Test
    void aRuleBetweenTwoFields_isShownOnTheFieldTheEngineNames() {
        h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
        TuningViewModel t = new TuningViewModel(h.main);

        t.textProperty(Setting.RECONNECT_MAX).set("50ms");

        assertThat(t.errorProperty(Setting.RECONNECT_MAX).get())
                .isEqualTo("Reconnect max delay must be ≥ reconnect initial delay (100 ms), got 50 ms");
        assertThat(t.errorProperty(Setting.RECONNECT_INITIAL).get()).isEmpty();
    }

    @Test
    void applyingToAnOpenConnection_changesItLive_withoutReconnecting() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", h.echoUrl("/t"), Harness.FAST), true);
        TuningViewModel t = new TuningViewModel(h.main);
        h.tickUntil("OPEN", Duration.ofSeconds(5), () -> c.state() == State.OPEN);
        int attempt = c.attemptProperty().get();

        t.textProperty(Setting.PING_INTERVAL).set("150ms");
        assertThat(t.changedProperty(Setting.PING_INTERVAL).get()).isTrue();
        assertThat(t.applyToSelected()).isTrue();
        h.tickUntil("the engine runs 150 ms and says so", Duration.ofSeconds(2),
                () -> c.settings().pingInterval().equals(Duration.ofMillis(150)) && !c.history().marks().isEmpty());

        assertThat(c.state()).isEqualTo(State.OPEN);
        assertThat(c.attemptProperty().get()).isEqualTo(attempt);
        assertThat(c.log()).extracting(LogEntry::text).contains("settings applied live, no reconnect: ping interval 200 ms → 150 ms");
        assertThat(c.history().marks()).hasSize(1);
        assertThat(t.changedProperty(Setting.PING_INTERVAL).get()).isFalse();
    }

    @Test
    void applyToAll_changesEveryConnection_andRevertPutsTheSelectedOneBackOnItsProfileValues() {
        ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
        Settings other = Harness.FAST.toBuilder().openTimeout(Duration.ofSeconds(5)).build();
        ConnectionViewModel b = h.main.add(ConnectionSpec.of("b", "ws://127.0.0.1:9/", other), false);
        TuningViewModel t = new TuningViewModel(h.main);

        t.textProperty(Setting.CLOSE_TIMEOUT).set("2s");
        assertThat(t.applyToAll()).isTrue();
        h.tickUntil("both applied", Duration.ofSeconds(2), () -> a.settings().closeTimeout().equals(Duration.ofSeconds(2))
                && b.settings().closeTimeout().equals(Duration.ofSeconds(2)));
        // every field of the panel goes to every connection: b's open timeout becomes the panel's
        assertThat(b.settings().openTimeout()).isEqualTo(Harness.FAST.openTimeout());

        t.revertToProfile();
        h.tickUntil("a reverted", Duration.ofSeconds(2), () -> a.settings().equals(Harness.FAST));
        assertThat(t.textProperty(Setting.CLOSE_TIMEOUT).get()).isEqualTo("500ms");
    }
}

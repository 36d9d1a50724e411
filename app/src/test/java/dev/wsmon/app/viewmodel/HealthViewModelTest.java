package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
import dev.wsmon.core.event.HealthChanged;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health badge beside the state, its tooltip in plain words, the log line, and the dialog's Health section. */
class HealthViewModelTest {

    private static final Settings THRESHOLDS = Harness.FAST.toBuilder().staleAfter(Duration.ofSeconds(10))
            .degradedRtt(Duration.ofMillis(250)).degradedLoss(5.0).build();

    private final Harness h = new Harness();
    private final ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", THRESHOLDS), false);

    @AfterEach
    void close() {
        h.close();
    }

    private void health(long ts, Health health, HealthReason... reasons) {
        c.apply(List.of(new HealthChanged(c.id(), ts, health, Set.of(reasons))), 0);
    }

    @Test
    void degraded_showsABadgeWithTheReasonsInPlainWords_andHealthyHidesIt() {
        assertThat(c.healthBadgeProperty().get()).as("unknown before the first health event").isEmpty();

        health(1, Health.DEGRADED, HealthReason.STALE, HealthReason.RTT_HIGH);
        assertThat(c.healthProperty().get()).isEqualTo(Health.DEGRADED);
        assertThat(c.healthBadgeProperty().get()).isEqualTo("DEGRADED");
        assertThat(c.healthTooltipProperty().get()).isEqualTo("""
                DEGRADED — open, but not delivering as it should
                • Keepalive RTT p95 over the last minute above 250 ms
                • No data message for 10 s while open (pongs do not count)""");

        health(2, Health.HEALTHY);
        assertThat(c.healthBadgeProperty().get()).isEmpty();
        assertThat(c.healthTooltipProperty().get()).isEmpty();

        health(3, Health.DOWN, HealthReason.CLOSED, HealthReason.FLAPPING);
        assertThat(c.healthBadgeProperty().get()).isEqualTo("DOWN");
        assertThat(c.healthTooltipProperty().get()).contains("DOWN — the connection is not open",
                "• The connection dropped more than 3 times in 5 minutes", "• Not connected");
    }

    @Test
    void eachChange_isOneLogLine() {
        health(1, Health.DEGRADED, HealthReason.LOSS, HealthReason.HEARTBEAT_MISSED);
        health(2, Health.HEALTHY);

        assertThat(c.log()).extracting(LogEntry::kind).containsExactly(LogKind.HEALTH, LogKind.HEALTH);
        assertThat(c.log()).extracting(LogEntry::text).containsExactly(
                "health DEGRADED: more than 5 % of keepalive pings unanswered in the last minute;"
                        + " the application heartbeat got no reply in time",
                "health HEALTHY");
    }

    @Test
    void theDialogsHealthSection_readsOff_validatesWithTheTablesMessages_andSetsTheSettings() {
        ConnectionEditorViewModel editor = ConnectionEditorViewModel.forEdit(c.spec());
        HealthSettingsViewModel s = editor.health();
        assertThat(s.textProperty(Setting.STALE_AFTER).get()).isEqualTo("10s");

        s.textProperty(Setting.STALE_AFTER).set("5ms");
        assertThat(s.errorProperty(Setting.STALE_AFTER).get())
                .isEqualTo("Stale after must be ≥ 10 ms, got 5 ms; or off to disable it");
        assertThat(editor.validProperty().get()).isFalse();

        s.textProperty(Setting.STALE_AFTER).set("off");
        s.textProperty(Setting.DEGRADED_LOSS).set("2.5");
        s.reconnectWhenStaleProperty().set(true);
        assertThat(editor.validProperty().get()).isTrue();
        Settings result = editor.result().orElseThrow().settings();
        assertThat(result.staleAfter()).isZero();
        assertThat(result.degradedLoss()).isEqualTo(2.5);
        assertThat(result.reconnectWhenStale()).isTrue();
        assertThat(result.degradedRtt()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void savingChangedThresholds_appliesThemLive() {
        ConnectionEditorViewModel editor = ConnectionEditorViewModel.forEdit(c.spec());
        editor.health().textProperty(Setting.DEGRADED_RTT).set("1s");
        h.main.update(editor.result().orElseThrow());
        h.tickUntil("the change applied and logged", Duration.ofSeconds(5), () -> c.log().stream()
                .anyMatch(l -> l.kind() == LogKind.SETTINGS && l.text().contains("degraded RTT 250 ms → 1 s")));
        assertThat(c.engine().snapshot().settings().degradedRtt()).isEqualTo(Duration.ofSeconds(1));
    }
}

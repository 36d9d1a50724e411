package dev.wsmon.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The health thresholds in a profile: durations, a percentage, or "off"; and back. */
class HealthProfileTest {

    private static LoadedProfile read(String json) throws ProfileException {
        return ProfileCodec.read("p.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thresholdsAndOff_areRead_andWrittenBackTheSame() throws Exception {
        LoadedProfile p = read("""
                {"version": 1,
                 "defaults": {"staleAfter": "30s", "degradedRtt": "500ms", "degradedLoss": 5, "reconnectWhenStale": true},
                 "connections": [{"name": "quiet", "url": "ws://127.0.0.1:9/",
                                  "settings": {"staleAfter": "off", "degradedLoss": "off"}}]}
                """);
        assertThat(p.warnings()).isEmpty();
        Settings s = p.profile().connections().get(0).settings(p.profile().defaults());
        assertThat(s.staleAfter()).isZero();
        assertThat(s.degradedRtt()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.degradedLoss()).isEqualTo(100.0);
        assertThat(s.reconnectWhenStale()).isTrue();

        String written = new String(ProfileCodec.write(p.profile()), StandardCharsets.UTF_8);
        assertThat(written).contains("\"staleAfter\": \"off\"", "\"degradedLoss\": \"off\"", "\"degradedRtt\": \"500ms\"");
        assertThat(read(written).profile()).isEqualTo(p.profile());
    }

    @Test
    void aBadThreshold_namesTheFieldAndWhatIsAllowed() {
        assertThatThrownBy(() -> read("""
                {"version": 1, "defaults": {"staleAfter": "5ms"}, "connections": []}
                """)).hasMessageContaining("stale after must be ≥ 10 ms, got 5 ms; or off to disable it");
        assertThatThrownBy(() -> read("""
                {"version": 1, "defaults": {"degradedLoss": 120}, "connections": []}
                """)).hasMessageContaining("degraded loss must be between 0 and 100, got 120.0");
    }

    @Test
    void theTableSaysOffForTheDefaults() {
        assertThat(Setting.STALE_AFTER.display(Settings.DEFAULTS.staleAfter())).isEqualTo("off");
        assertThat(Setting.DEGRADED_LOSS.display(Settings.DEFAULTS.degradedLoss())).isEqualTo("off");
        assertThat(Setting.DEGRADED_RTT.parse("OFF")).isEqualTo(Duration.ZERO);
        assertThat(Setting.DEGRADED_RTT.display(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}

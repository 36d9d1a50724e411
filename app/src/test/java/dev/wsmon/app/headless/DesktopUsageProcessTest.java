package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real launcher in a child JVM, in desktop mode (no {@code --headless}): a bad settings flag is the same one-line
 * error and exit 2 as headless, before any window is tried. No display is given: were a window tried, the launcher
 * would say it cannot open one and exit 1.
 */
class DesktopUsageProcessTest {

    private static final Map<String, String> NO_DISPLAY = Map.of("DISPLAY", "", "WAYLAND_DISPLAY", "");

    @Test
    void anInvalidSettingsFlag_inDesktopMode_exits2_withTheHeadlessMessage_beforeAnyWindow() {
        try (AppProcess p = AppProcess.start(NO_DISPLAY, List.of(), "--ping-interval", "0s", "ws://127.0.0.1:1/")) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(p.stderr()).startsWith("wsmon: --ping-interval 0s: ping interval must be ≥ 10 ms, got 0 ms")
                    .doesNotContain("window");
            assertThat(p.stdout()).isEmpty();
        }
    }

    @Test
    void anUnknownFlag_inDesktopMode_exits2_beforeAnyWindow() {
        try (AppProcess p = AppProcess.start(NO_DISPLAY, List.of(), "--ping-intervall", "2s", "ws://127.0.0.1:1/")) {
            assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(p.stderr()).startsWith("wsmon: Unknown option: '--ping-intervall'").doesNotContain("window");
        }
    }
}

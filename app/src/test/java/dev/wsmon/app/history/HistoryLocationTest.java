package dev.wsmon.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryLocationTest {

    private static HistoryLocation of(Map<String, String> properties, Map<String, String> env) {
        return HistoryLocation.of(properties::get, env::get);
    }

    @Test
    void theSystemProperty_thenXdgDataHome_thenHome_thenTheJvmsUserHome() {
        Map<String, String> props = Map.of("user.home", "/passwd/home");
        assertThat(of(Map.of(HistoryLocation.DIR_PROPERTY, "/tmp/x", "user.home", "/h"), Map.of("XDG_DATA_HOME", "/xdg")).file())
                .isEqualTo(Path.of("/tmp/x/history.db"));
        assertThat(of(props, Map.of("XDG_DATA_HOME", "/xdg", "HOME", "/env/home")).file())
                .isEqualTo(Path.of("/xdg/wsmon/history.db"));
        assertThat(of(props, Map.of("HOME", "/env/home")).file()).isEqualTo(Path.of("/env/home/.local/share/wsmon/history.db"));
        assertThat(of(props, Map.of("XDG_DATA_HOME", " ")).file()).isEqualTo(Path.of("/passwd/home/.local/share/wsmon/history.db"));
    }
}

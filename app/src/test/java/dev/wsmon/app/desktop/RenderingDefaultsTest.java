package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RenderingDefaultsTest {

    @Test
    void setsEachDefault_whenTheOperatorSetNone() {
        Properties p = new Properties();

        RenderingDefaults.apply(p);

        assertThat(p.getProperty("prism.disableRegionCaching")).isEqualTo("true");
        assertThat(p.getProperty("prism.dirtyregioncount")).isEqualTo("15");
    }

    @Test
    void keepsWhatTheOperatorSet() {
        Properties p = new Properties();
        p.setProperty("prism.disableRegionCaching", "false");
        p.setProperty("prism.order", "es2");

        RenderingDefaults.apply(p);

        assertThat(p.getProperty("prism.disableRegionCaching")).isEqualTo("false");
        assertThat(p.getProperty("prism.order")).isEqualTo("es2");
    }
}

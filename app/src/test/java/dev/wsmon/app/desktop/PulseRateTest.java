package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.testing.ProbeJvm;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** In a JVM of its own each: the pulse rate is fixed when JavaFX's classes initialise. */
class PulseRateTest {

    @Test
    void theToolkitPulses30TimesASecond_andJavaFxPrintsNothing() throws Exception {
        ProbeJvm.Output probe = ProbeJvm.run(PulseRateProbe.class, Map.of());

        assertThat(probe.stdout().strip()).as("pulse timer period, ms; stderr:\n%s", probe.stderr()).isEqualTo("33");
        assertThat(probe.stderr()).isEmpty();
    }

    @Test
    void anOperatorsRateWins() throws Exception {
        ProbeJvm.Output probe = ProbeJvm.run(PulseRateProbe.class, Map.of(), "-D" + PulseRate.PROPERTY + "=60");

        assertThat(probe.stdout().strip()).as("pulse timer period, ms; stderr:\n%s", probe.stderr()).isEqualTo("16");
        assertThat(probe.stderr()).contains("PULSE_DURATION"); // JavaFX's own line, which the operator asked for
    }
}

package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In a JVM of its own each: the pulse rate is fixed when JavaFX's classes initialise. */
class PulseRateTest {

    @Test
    void theToolkitPulses30TimesASecond_andJavaFxPrintsNothing() throws Exception {
        Probe probe = Probe.run();

        assertThat(probe.stdout.strip()).as("pulse timer period, ms; stderr:\n%s", probe.stderr).isEqualTo("33");
        assertThat(probe.stderr).isEmpty();
    }

    @Test
    void anOperatorsRateWins() throws Exception {
        Probe probe = Probe.run("-D" + PulseRate.PROPERTY + "=60");

        assertThat(probe.stdout.strip()).as("pulse timer period, ms; stderr:\n%s", probe.stderr).isEqualTo("16");
        assertThat(probe.stderr).contains("PULSE_DURATION"); // JavaFX's own line, which the operator asked for
    }

    private record Probe(String stdout, String stderr) {

        static Probe run(String... jvmArgs) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmArgs));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), PulseRateProbe.class.getName()));
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended).as("probe ended").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("probe exit; stderr:\n%s", err).isZero();
            return new Probe(out, err);
        }
    }
}

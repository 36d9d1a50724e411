package dev.wsmon.app.desktop;

import static dev.wsmon.app.testing.Executables.onPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsmon.app.testing.ProbeJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pausing pulse timer on a real GTK window: the TestFX tests run on Monocle, whose timer is not GTK's, so this
 * starts an Xvfb display and a JVM of its own. Where CI runs (CI=true), Xvfb and GTK 3 must be there.
 */
class PausingPulseTimerTest {

    @Test
    void anIdleWindowStopsWaking_andEveryChangeAndAnimationStillGetsItsPulses() throws Exception {
        Map<String, String> probe = runProbe();

        assertThat(probe).as("probe output").containsEntry("installed", "true");
        assertThat(Long.parseLong(probe.get("idleWakesPerSecond"))).as("UI thread wakes in an idle second").isLessThanOrEqualTo(5);
        assertThat(probe).containsEntry("firedWhilePaused", "0");
        assertThat(probe).as("a change after the pause is laid out").containsEntry("changeLaidOut", "true");
        assertThat(probe).containsEntry("animationFinished", "true");
        assertThat(Integer.parseInt(probe.get("pulsesInOneSecondOfAnimation"))).as("pulses while a 1 s animation runs (JavaFX's 60 Hz here)")
                .isGreaterThanOrEqualTo(10);
        assertThat(probe).containsEntry("pausedAfterAnimation", "true");
    }

    @Test
    void theOperatorCanKeepJavaFxsTimer_whichWakesAnIdleWindowAtThePulseRate() throws Exception {
        Map<String, String> probe = runProbe("-D" + PausingPulseTimer.PROPERTY + "=false");

        assertThat(probe).as("probe output").containsEntry("installed", "false");
        assertThat(Long.parseLong(probe.get("idleWakesPerSecond"))).as("UI thread wakes in an idle second, GTK's timer at 60 Hz")
                .isGreaterThanOrEqualTo(20);
    }

    private static Map<String, String> runProbe(String... jvmArgs) throws IOException, InterruptedException {
        String xvfb = onPath("Xvfb");
        if (xvfb == null || !gtk3Installed()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("Xvfb or GTK 3 is missing: apt-get install xvfb libgtk-3-0 (.ci/run installs them)");
            }
            Assumptions.abort("needs Xvfb and GTK 3 (apt-get install xvfb libgtk-3-0)");
        }
        Process display = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String number = readLine(display, 30);
            Map<String, String> env = new HashMap<>();
            env.put("DISPLAY", ":" + number);
            env.put("WAYLAND_DISPLAY", null);
            List<String> args = new ArrayList<>(List.of("-Dprism.order=sw"));
            args.addAll(List.of(jvmArgs));
            String out = ProbeJvm.run(PausingPulseTimerProbe.class, env, args.toArray(String[]::new)).stdout();
            Map<String, String> values = new HashMap<>();
            out.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            return values;
        } finally {
            display.destroy();
            display.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Xvfb writes its display number to standard output once it accepts connections. */
    private static String readLine(Process process, int seconds) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String number = line.get(seconds, TimeUnit.SECONDS);
            assertThat(number).as("Xvfb's display number").isNotBlank();
            return number.strip();
        } catch (Exception e) {
            throw new AssertionError("Xvfb did not start within " + seconds + " s", e);
        }
    }

    private static boolean gtk3Installed() {
        return Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")
                .anyMatch(dir -> Files.exists(Path.of(dir, "libgtk-3.so.0")));
    }
}

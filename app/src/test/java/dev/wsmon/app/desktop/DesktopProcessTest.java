package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.headless.AppProcess;
import dev.wsmon.core.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop app as its own process (headless Monocle): a signal ends it like closing its window. */
class DesktopProcessTest {

    private static final Duration PROMPT = Duration.ofSeconds(20);

    @Test
    void sigterm_closesEveryConnectionWith1001_savesTheWindow_andExits0(@TempDir Path config) {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(Map.of(), jvmArgs(config), server.uri().toString())) {
            server.awaitConnections(1, PROMPT);

            app.terminate();

            assertThat(app.awaitExit(PROMPT)).as("exit status; stderr:\n%s", app.stderr()).isZero();
            assertThat(server.awaitCloses(1, PROMPT)).singleElement()
                    .satisfies(c -> assertThat(c.code()).isEqualTo(1001));
            assertThat(config.resolve("desktop.properties")).exists();
            assertThat(app.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void sighup_closesLikeSigterm_andExits0(@TempDir Path config) {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(Map.of(), jvmArgs(config), server.uri().toString())) {
            server.awaitConnections(1, PROMPT);

            app.hangup(); // a closed session: not exit 129 with the connection cut

            assertThat(app.awaitExit(PROMPT)).as("exit status; stderr:\n%s", app.stderr()).isZero();
            assertThat(server.awaitCloses(1, PROMPT)).singleElement()
                    .satisfies(c -> assertThat(c.code()).isEqualTo(1001));
            assertThat(config.resolve("desktop.properties")).exists();
        }
    }

    /** This JVM's Monocle settings (from surefire), and a config folder of the test's own. */
    private static List<String> jvmArgs(Path config) {
        List<String> args = new ArrayList<>();
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text")) {
            String v = System.getProperty(p);
            if (v != null) {
                args.add("-D" + p + "=" + v);
            }
        }
        args.add("-D" + DesktopConfig.DIR_PROPERTY + "=" + config);
        args.add("-D" + dev.wsmon.app.history.HistoryLocation.DIR_PROPERTY + "=" + config);
        return args;
    }
}

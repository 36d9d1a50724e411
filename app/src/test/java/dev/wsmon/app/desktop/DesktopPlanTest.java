package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.demo.DemoServer;
import dev.wsmon.app.headless.PlanBuilder;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opens the command line's plan: the settings flags reach the engine, and a URL's connection has the name
 * {@code --headless} gives it. The real application on headless Monocle, against the demo echo server.
 */
class DesktopPlanTest {

    @Test
    void settingsFlags_reachTheEngine_ofAConnectionNamedAsInHeadless() throws Exception {
        Path config = Files.createTempDirectory("wsmon-desktop-plan");
        System.setProperty(DesktopConfig.DIR_PROPERTY, config.toString());
        System.setProperty(dev.wsmon.app.history.HistoryLocation.DIR_PROPERTY, config.toString());
        try (DemoServer server = DemoServer.start()) {
            String url = server.uri().toString();
            String name = PlanBuilder.commandLineName(url);
            FxToolkit.registerPrimaryStage();
            WsmonApp app = (WsmonApp) FxToolkit.setupApplication(WsmonApp.class,
                    "--ping-interval", "2s", "--ping-timeout", "1s", url);
            try {
                until("the URL's connection OPEN", Duration.ofSeconds(20), () -> app.mainViewModel().find(name)
                        .map(c -> c.engine().snapshot().state() == State.OPEN).orElse(false));
                Optional<ConnectionViewModel> vm = fx(() -> app.mainViewModel().find(name));
                MonitoredConnection engine = vm.orElseThrow().engine();
                assertThat(engine.snapshot().settings().pingInterval()).isEqualTo(Duration.ofSeconds(2));
                assertThat(engine.snapshot().settings().pingTimeout()).isEqualTo(Duration.ofSeconds(1));
                assertThat(fx(() -> app.mainViewModel().connections().size())).as("no demo beside it").isEqualTo(1);
            } finally {
                FxToolkit.cleanupApplication(app);
                FxToolkit.cleanupStages();
                WsmonApp.STOPPED.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    private static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }
}

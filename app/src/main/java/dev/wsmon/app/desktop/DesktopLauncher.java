package dev.wsmon.app.desktop;

import dev.wsmon.app.headless.RunPlan;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import dev.wsmon.app.ShutdownPolicy;
import dev.wsmon.app.SignalTrap;
import javafx.application.Application;
import javafx.application.Platform;

/**
 * Starts the desktop UI and returns when its window has closed and the engine has stopped. Not a JavaFX
 * {@code Application} itself, so that {@code java -jar} works with JavaFX on the class path.
 */
public final class DesktopLauncher {

    /**
     * JavaFX warns on every start that it runs from the class path ("Unsupported JavaFX configuration"); that is how
     * wsmon ships, so the warning says nothing to an operator. Held here: java.util.logging keeps loggers weakly.
     */
    private static final Logger PLATFORM_LOG = Logger.getLogger("javafx");
    private static volatile Level platformLevel;
    /** Time for the proxies and the demo to close once the engine has stopped within its budget. */
    private static final Duration AFTER_BUDGET = Duration.ofSeconds(3);

    private DesktopLauncher() {
    }

    /**
     * Opens the window on {@code plan} and returns when it has closed and the engine has stopped.
     *
     * @return 0, or 1 when no window could be opened (said on stderr)
     */
    static int run(RunPlan plan) {
        platformLevel = PLATFORM_LOG.getLevel();
        PLATFORM_LOG.setLevel(Level.SEVERE); // until the toolkit has started: see restoreLogging
        SignalTrap.install(DesktopLauncher::closeWindow, signal -> Runtime.getRuntime().halt(128 + signal));
        WsmonApp.PLAN.set(plan);
        RenderingDefaults.apply(System.getProperties());
        PulseRate.apply(System.getProperties());
        try {
            Application.launch(WsmonApp.class);
        } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.err.println("wsmon: cannot open a window (" + why + "). On a machine without a desktop use"
                    + " 'wsmon --headless'; otherwise check DISPLAY (or WAYLAND_DISPLAY) and that GTK 3 is installed"
                    + " (Debian/Ubuntu: libgtk-3-0).");
            return 1;
        }
        // the shutdown is bounded by ShutdownPolicy's budget; this bound only guards against a hang after it
        Duration budget = WsmonApp.STOPPING.getNow(ShutdownPolicy.MARGIN); // stop() has run when launch returns
        boolean stopped = WsmonApp.STOPPED.thenApply(done -> true)
                .completeOnTimeout(false, budget.plus(AFTER_BUDGET).toMillis(), TimeUnit.MILLISECONDS).join();
        if (!stopped) {
            System.err.println("wsmon: still stopping after the shutdown budget; exiting anyway");
        }
        return 0;
    }

    /** SIGTERM, SIGINT or SIGHUP (logout, kill, Ctrl-C, a closed session): as if the window were closed, so nothing is left half done. */
    private static void closeWindow() {
        try {
            Platform.runLater(Platform::exit);
        } catch (IllegalStateException toolkitNotRunning) {
            System.exit(0);
        }
    }

    /** Called once the toolkit runs: later JavaFX warnings (CSS and the like) are worth seeing again. */
    static void restoreLogging() {
        PLATFORM_LOG.setLevel(platformLevel);
    }
}

package dev.wsmon.app.desktop;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
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

    private DesktopLauncher() {
    }

    /**
     * Opens the window and returns when it has closed.
     *
     * @param args the wsmon command line; the desktop reads {@code --profile FILE}, {@code --demo},
     *     {@code --theme light|dark} and {@code ws://…} URLs, and ignores the rest
     */
    public static void launch(String[] args) {
        run(args);
    }

    /** As {@link #launch}, with an exit status: 0, or 1 when no window could be opened (said on stderr). */
    static int run(String[] args) {
        platformLevel = PLATFORM_LOG.getLevel();
        PLATFORM_LOG.setLevel(Level.SEVERE); // until the toolkit has started: see restoreLogging
        SignalTrap.install(DesktopLauncher::closeWindow, signal -> Runtime.getRuntime().halt(128 + signal));
        try {
            Application.launch(WsmonApp.class, args);
        } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.err.println("wsmon: cannot open a window (" + why + "). On a machine without a desktop use"
                    + " 'wsmon --headless'; otherwise check DISPLAY (or WAYLAND_DISPLAY) and that GTK 3 is installed"
                    + " (Debian/Ubuntu: libgtk-3-0).");
            return 1;
        }
        try {
            WsmonApp.STOPPED.get(4, TimeUnit.SECONDS); // let the engine close its connections cleanly
        } catch (TimeoutException e) {
            System.err.println("wsmon: connections still closing after 4 s; exiting anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // shutdown failed: nothing left to wait for
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

    public static void main(String[] args) {
        System.exit(run(args));
    }
}

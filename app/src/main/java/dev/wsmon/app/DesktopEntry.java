package dev.wsmon.app;

import dev.wsmon.app.headless.RunPlan;
import java.util.ServiceLoader;

/**
 * The seam between the command line and the desktop UI: {@link Launcher} starts the UI through the first
 * implementation registered in {@code META-INF/services/dev.wsmon.app.DesktopEntry}, with the plan it built from
 * the command line, as for {@code --headless}.
 */
public interface DesktopEntry {

    /**
     * Starts the desktop UI on {@code plan} and returns when it has ended.
     *
     * @return the process exit status
     */
    int launch(RunPlan plan);

    /**
     * The registered desktop UI.
     *
     * @throws IllegalStateException if the build lost its registration (a packaging defect)
     */
    static DesktopEntry find() {
        return ServiceLoader.load(DesktopEntry.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no DesktopEntry registered in META-INF/services"));
    }
}

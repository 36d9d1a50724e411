package dev.wsmon.app.desktop;

import dev.wsmon.app.DesktopEntry;
import dev.wsmon.app.headless.RunPlan;

/**
 * The desktop UI behind the launcher's {@link DesktopEntry} seam (registered in
 * {@code META-INF/services/dev.wsmon.app.DesktopEntry}).
 */
public final class DesktopUi implements DesktopEntry {

    @Override
    public int launch(RunPlan plan) {
        return DesktopLauncher.run(plan);
    }
}

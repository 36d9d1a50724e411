package dev.wsmon.app.desktop;

import dev.wsmon.app.DesktopEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop UI behind the launcher's {@link DesktopEntry} seam (registered in
 * {@code META-INF/services/dev.wsmon.app.DesktopEntry}).
 */
public final class DesktopUi implements DesktopEntry {

    @Override
    public int launch(Request request) {
        List<String> args = new ArrayList<>(request.args());
        return DesktopLauncher.run(args.toArray(String[]::new));
    }
}

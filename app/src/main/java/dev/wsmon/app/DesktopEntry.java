package dev.wsmon.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The seam between the command line and the desktop UI: {@link Launcher} starts the UI through the first
 * implementation registered in {@code META-INF/services/dev.wsmon.app.DesktopEntry}. The UI plugs in there
 * and the command line does not change.
 */
public interface DesktopEntry {

    /**
     * Starts the desktop UI and returns when it has ended.
     *
     * @return the process exit status
     */
    int launch(Request request);

    /**
     * What the command line asked of the desktop UI.
     *
     * @param urls URLs given on the command line, to open as connections
     * @param profile {@code --profile FILE}, to open
     * @param args the whole command line, for options the UI reads itself
     */
    record Request(List<String> urls, Optional<Path> profile, List<String> args) {
        public Request {
            urls = List.copyOf(urls);
            args = List.copyOf(args);
        }
    }

    /** The registered desktop UI, if this build has one. */
    static Optional<DesktopEntry> find() {
        return ServiceLoader.load(DesktopEntry.class).findFirst();
    }
}

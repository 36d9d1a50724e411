package dev.wsmon.app.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tools on this machine that tests run as they are (promtool, Xvfb). */
public final class Executables {

    private Executables() {
    }

    /** The executable {@code command} on PATH, or null. */
    public static String onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}

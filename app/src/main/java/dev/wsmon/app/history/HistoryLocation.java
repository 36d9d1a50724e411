package dev.wsmon.app.history;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the history database lives: {@code history.db} in the user's data directory ({@code $XDG_DATA_HOME/wsmon},
 * else {@code $HOME/.local/share/wsmon}); the system property {@value #DIR_PROPERTY} moves it (the tests use a temporary one).
 */
public record HistoryLocation(Path dir) {

    public static final String DIR_PROPERTY = "wsmon.data.dir";
    public static final String FILE_NAME = "history.db";

    public HistoryLocation {
        Objects.requireNonNull(dir, "dir");
    }

    /** The default location, from the system property, else the environment, else the home directory. */
    public static HistoryLocation standard() {
        return of(System::getProperty, System::getenv);
    }

    static HistoryLocation of(UnaryOperator<String> properties, UnaryOperator<String> env) {
        String override = properties.apply(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return new HistoryLocation(Path.of(override));
        }
        String xdg = env.apply("XDG_DATA_HOME");
        String home = env.apply("HOME"); // the XDG default is under $HOME; Java's user.home is the passwd entry's
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home != null && !home.isBlank() ? home : properties.apply("user.home"), ".local", "share");
        return new HistoryLocation(base.resolve("wsmon"));
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }
}

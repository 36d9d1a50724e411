package dev.wsmon.app.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What the desktop remembers between runs: window size and position, theme, chart window, the last profile. A small
 * properties file, {@code desktop.properties}, in the user's config directory ({@code $XDG_CONFIG_HOME/wsmon}, or
 * {@code ~/.config/wsmon}); the system property {@code wsmon.config.dir} moves it (the tests use a temporary one).
 */
final class DesktopConfig {

    static final String DIR_PROPERTY = "wsmon.config.dir";

    private final Path file;
    private final Properties values = new Properties();

    private DesktopConfig(Path file) {
        this.file = file;
    }

    static Path defaultDir() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("wsmon");
    }

    /** Loads it; an unreadable file is as good as none (the window just opens at its default size). */
    static DesktopConfig load(Path dir) {
        DesktopConfig c = new DesktopConfig(dir.resolve("desktop.properties"));
        if (Files.isRegularFile(c.file)) {
            try (InputStream in = Files.newInputStream(c.file)) {
                c.values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                c.values.clear();
            }
        }
        return c;
    }

    /** Writes it atomically; a failure only costs the remembered layout. */
    void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "wsmon desktop state");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("wsmon: could not remember the window layout in " + file + ": " + e.getMessage());
        }
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    double getDouble(String key, double fallback) {
        try {
            return get(key).map(Double::parseDouble).filter(Double::isFinite).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    void set(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
    }

    Path file() {
        return file;
    }
}

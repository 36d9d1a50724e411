package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.Notifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notifications through the freedesktop Notifications service (org.freedesktop.Notifications on the session bus),
 * with {@code notify-send} (Debian: libnotify-bin) or else {@code gdbus} (libglib2.0-bin, present with any GLib
 * desktop), each in a child process on a thread of its own: the FX thread never waits for the bus. No tool, no bus or
 * no service is a "not shown", and the caller falls back to its in-window banner.
 */
final class DesktopNotifier implements Notifier {

    static final long TIMEOUT_SECONDS = 5;
    private static final int EXPIRE_MILLIS = 15_000;

    private final Optional<Path> notifySend;
    private final Optional<Path> gdbus;
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "wsmon-notify");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());

    DesktopNotifier(Optional<Path> notifySend, Optional<Path> gdbus) {
        this.notifySend = notifySend;
        this.gdbus = gdbus;
    }

    /** The tools found on {@code PATH}. */
    static DesktopNotifier fromPath() {
        return new DesktopNotifier(onPath("notify-send"), onPath("gdbus"));
    }

    @Override
    public void notify(String title, String body, Consumer<Boolean> shown) {
        thread.execute(() -> shown.accept(show(title, body)));
    }

    /** The command that would show it, or empty when there is no tool. */
    List<String> command(String title, String body) {
        if (notifySend.isPresent()) {
            return List.of(notifySend.get().toString(), "--app-name=wsmon", "--expire-time=" + EXPIRE_MILLIS, title, body);
        }
        if (gdbus.isPresent()) {
            // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
            return List.of(gdbus.get().toString(), "call", "--session", "--dest", "org.freedesktop.Notifications",
                    "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.Notifications.Notify",
                    "wsmon", "0", "", gvariantString(title), gvariantString(body), "[]", "{}", Integer.toString(EXPIRE_MILLIS));
        }
        return List.of();
    }

    private boolean show(String title, String body) {
        List<String> command = command(title, body);
        if (command.isEmpty()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A GVariant string literal as gdbus parses its arguments. */
    static String gvariantString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

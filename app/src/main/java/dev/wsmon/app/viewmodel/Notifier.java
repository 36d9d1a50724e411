package dev.wsmon.app.viewmodel;

import java.util.function.Consumer;

/** Shows a notification outside the window (the desktop's notification service); never blocks the caller. */
public interface Notifier {

    /**
     * Asks for a notification; {@code shown} is later told, on any thread, whether the service took it (false: there is
     * none, so the caller falls back to an in-window banner).
     */
    void notify(String title, String body, Consumer<Boolean> shown);

    /** No service at all: every alert goes to the banner. */
    Notifier NONE = (title, body, shown) -> shown.accept(false);
}

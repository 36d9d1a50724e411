package dev.wsmon.app.desktop;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

/**
 * Drains the engine's events onto the UI thread at a fixed rate (10 Hz), one batch per tick. It stops while the window
 * is hidden or iconified: nothing is drawn then, and the inbox merges events into bounded state meanwhile, so
 * skipping the ticks costs nothing and a minimised monitor does not burn CPU.
 *
 * <p>A tick that would change nothing is not posted ({@code due}): between routine seconds, while nothing urgent waits
 * and nothing counts down, the UI thread is not woken at all.
 *
 * <p>Not a {@code Timeline}: while any animation runs, JavaFX pulses at 60 Hz (a CSS and layout pass per frame) even
 * when nothing changed. A tick posted from a background thread lets the UI sleep between ticks and draw only what the
 * tick changed.
 */
final class DrainTimer {

    static final Duration PERIOD = Duration.ofMillis(100);

    private final ScheduledExecutorService beat;
    private final Stage stage;
    private final Runnable tick;
    private final BooleanSupplier due;
    private final InvalidationListener visibility = o -> follow();
    /** A tick is posted and has not run yet: a busy UI thread gets one, not a backlog. */
    private final AtomicBoolean posted = new AtomicBoolean();
    /** The ticks scheduled while the window is shown; UI thread only. */
    private ScheduledFuture<?> ticks;
    private boolean stopped;

    DrainTimer(Stage stage, Runnable tick) {
        this(stage, tick, () -> true);
    }

    /** @param due asked on the beat's thread before each tick: false skips it, and the UI thread sleeps on */
    DrainTimer(Stage stage, Runnable tick, BooleanSupplier due) {
        this.stage = stage;
        this.tick = tick;
        this.due = due;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wsmon-drain-beat");
            t.setDaemon(true);
            return t;
        });
        stage.showingProperty().addListener(visibility);
        stage.iconifiedProperty().addListener(visibility);
        follow();
    }

    private void follow() {
        boolean visible = stage.isShowing() && !stage.isIconified();
        if (visible && !stopped) {
            if (ticks == null) {
                ticks = beat.scheduleAtFixedRate(this::post, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
    }

    private void post() {
        if (due.getAsBoolean() && posted.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                posted.set(false);
                if (ticks != null) { // not after a pause or stop that came first
                    tick.run();
                }
            });
        }
    }

    boolean running() {
        return ticks != null;
    }

    void stop() {
        stopped = true;
        stage.showingProperty().removeListener(visibility);
        stage.iconifiedProperty().removeListener(visibility);
        follow();
        beat.shutdownNow();
    }
}

package dev.wsmon.app.desktop;

import dev.wsmon.core.MonotonicClock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

/**
 * Drains the engine's events onto the UI thread, one batch per tick and at most one tick per {@link #PERIOD}. It stops
 * while the window is hidden or iconified: nothing is drawn then, and the inbox merges events into bounded state
 * meanwhile, so skipping the ticks costs nothing and a minimised monitor does not burn CPU.
 *
 * <p>A tick that would change nothing is not posted ({@code due}), and the beat does not poll for one: between ticks it
 * sleeps as long as {@code quiet} says nothing will be due (to the next routine second, or one period while something
 * counts down), unless {@link #wake()} says something is due now (an urgent event, a posted task, a countdown that
 * began). So an idle window wakes the beat and the UI thread about once a second.
 *
 * <p>Not a {@code Timeline}: while any animation runs, JavaFX pulses at 60 Hz (a CSS and layout pass per frame) even
 * when nothing changed. A tick posted from a background thread lets the UI sleep between ticks and draw only what the
 * tick changed.
 */
final class DrainTimer {

    static final Duration PERIOD = Duration.ofMillis(100);
    private static final long PERIOD_NANOS = PERIOD.toNanos();

    private final ScheduledExecutorService beat;
    private final Stage stage;
    private final Runnable tick;
    private final BooleanSupplier due;
    private final LongSupplier quiet;
    private final MonotonicClock clock;
    private final InvalidationListener visibility = o -> follow();
    /** A tick is posted and has not run yet: a busy UI thread gets one, not a backlog. */
    private final AtomicBoolean posted = new AtomicBoolean();
    /** Shown and not stopped: the beat runs. Set on the UI thread, read by the beat and by {@link #wake()}. */
    private volatile boolean running;
    /** The beat's next run, or null while it runs or stands; guarded by {@code this}. */
    private ScheduledFuture<?> next;
    /** The beat is running: a wake leaves the next run to it. Guarded by {@code this}. */
    private boolean inRun;
    /** {@link #wake()} came since the beat's current run began; guarded by {@code this}. */
    private boolean woken;
    /** When the last tick was posted ({@link MonotonicClock#nanoTime()}); guarded by {@code this}. */
    private long lastPost;
    private boolean stopped;

    /**
     * @param due   asked on the beat's thread before each tick: false skips it, and the UI thread sleeps on
     * @param quiet asked on the beat's thread after each beat: how many milliseconds nothing can become due unless
     *              {@link #wake()} is called; the beat sleeps that long (at least one period)
     */
    DrainTimer(Stage stage, MonotonicClock clock, Runnable tick, BooleanSupplier due, LongSupplier quiet) {
        this.stage = stage;
        this.clock = clock;
        this.lastPost = clock.nanoTime() - PERIOD_NANOS;
        this.tick = tick;
        this.due = due;
        this.quiet = quiet;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wsmon-drain-beat");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // a wake replaces the sleeping run
        this.beat = executor;
        stage.showingProperty().addListener(visibility);
        stage.iconifiedProperty().addListener(visibility);
        follow();
    }

    private void follow() {
        boolean visible = stage.isShowing() && !stage.isIconified();
        running = visible && !stopped;
        if (running) {
            wake();
        } else {
            synchronized (this) {
                if (next != null) {
                    next.cancel(false);
                    next = null;
                }
            }
        }
    }

    /**
     * Something may be due now: the beat runs within a period of the last tick instead of sleeping on. Any thread;
     * cheap when the beat is already about to run.
     */
    void wake() {
        synchronized (this) {
            woken = true;
            if (!inRun) {
                schedule(untilPeriodAfterLastPost());
            }
        }
    }

    /** Guarded by {@code this}. */
    private long untilPeriodAfterLastPost() {
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastPost + PERIOD_NANOS - clock.nanoTime()));
    }

    /** Guarded by {@code this}: the beat runs after {@code millis}, or sooner if it already would. */
    private void schedule(long millis) {
        if (!running || beat.isShutdown()) {
            return;
        }
        if (next != null) {
            if (!next.isDone() && next.getDelay(TimeUnit.MILLISECONDS) <= millis) {
                return;
            }
            next.cancel(false);
        }
        next = beat.schedule(this::run, millis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        synchronized (this) {
            next = null;
            inRun = true;
            woken = false; // a wake from here on is answered by the next run, a period after this one's tick
        }
        try {
            postIfDue();
        } finally {
            synchronized (this) {
                inRun = false;
                schedule(woken ? untilPeriodAfterLastPost() : Math.max(PERIOD.toMillis(), quiet.getAsLong()));
            }
        }
    }

    private void postIfDue() {
        if (!running) {
            return;
        }
        if (due.getAsBoolean() && posted.compareAndSet(false, true)) {
            synchronized (this) {
                lastPost = clock.nanoTime();
            }
            Platform.runLater(() -> {
                posted.set(false);
                if (running) { // not after a pause or stop that came first
                    tick.run();
                }
            });
        }
    }

    boolean running() {
        return running;
    }

    void stop() {
        stopped = true;
        stage.showingProperty().removeListener(visibility);
        stage.iconifiedProperty().removeListener(visibility);
        follow();
        beat.shutdownNow();
    }
}

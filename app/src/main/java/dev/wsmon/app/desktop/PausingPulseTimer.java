package dev.wsmon.app.desktop;

import com.sun.glass.ui.Application;
import com.sun.glass.ui.Timer;
import com.sun.javafx.tk.Toolkit;
import java.lang.reflect.Field;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaFX's pulse timer, made to pause on GTK (ADR 0176).
 *
 * <p>JavaFX pauses its pulse timer once nothing has needed a pulse for 250 ms and resumes it when something does
 * (JDK-8189926), but on Linux (as on Windows) the platform's timer ignores both: an idle window's UI thread wakes at
 * the pulse rate for nothing. This timer takes the toolkit's place and keeps its contract with GTK timers: a pause
 * stops the running one, a resume starts a new one. It also pauses at the first tick that finds nothing to do, not
 * 250 ms later: starting a GTK timer costs no more than one tick. Every other platform keeps its own timer.
 */
final class PausingPulseTimer extends Timer {

    private static final Logger LOG = LoggerFactory.getLogger(PausingPulseTimer.class);
    static final String GTK_TIMER = "com.sun.glass.ui.gtk.GtkTimer";
    /** {@code -Dwsmon.pausePulseTimer=false} keeps JavaFX's own timer (README, troubleshooting). */
    static final String PROPERTY = "wsmon.pausePulseTimer";

    private final Object toolkit;
    /** The toolkit's "a tick found nothing to do" since it last resumed; set and cleared under its lock. */
    private final Field idle;
    private final Function<Runnable, Timer> platform;
    private final Runnable pulse;
    private int period;
    /** The platform timer that ticks, or null while paused or stopped; guarded by {@code this}, as Timer's calls are. */
    private Timer running;
    /** How many times the platform's timers have fired; read by tests. */
    private volatile long fired;

    private PausingPulseTimer(Object toolkit, Field idle, Runnable pulse, Function<Runnable, Timer> platform) {
        super(pulse);
        this.toolkit = toolkit;
        this.idle = idle;
        this.pulse = pulse;
        this.platform = platform;
    }

    /**
     * On the UI thread once the toolkit has started: replaces a running GTK pulse timer with one that pauses.
     *
     * @return the installed timer, or null where the toolkit is not JavaFX's own, its timer is not GTK's or not running,
     *     its internals have moved, or the operator said {@code -Dwsmon.pausePulseTimer=false} (the toolkit then keeps
     *     its timer, which works, only wakes more often)
     */
    static PausingPulseTimer install() {
        if ("false".equals(System.getProperty(PROPERTY))) {
            return null;
        }
        Toolkit toolkit = Toolkit.getToolkit();
        try {
            Field timerField = toolkit.getClass().getDeclaredField("pulseTimer");
            Field runnableField = toolkit.getClass().getDeclaredField("timerRunnable");
            Field idleField = toolkit.getClass().getDeclaredField("pauseRequested");
            Field periodField = Timer.class.getDeclaredField("period");
            for (Field f : new Field[] {timerField, runnableField, idleField, periodField}) {
                f.setAccessible(true);
            }
            synchronized (toolkit) { // QuantumToolkit pauses and resumes its timer holding this lock
                Timer current = (Timer) timerField.get(toolkit);
                if (current == null || !current.getClass().getName().equals(GTK_TIMER) || !current.isRunning()) {
                    return null;
                }
                double period = periodField.getDouble(current);
                if (period < 1) {
                    return null; // a vsync timer, which GTK has not got
                }
                Application application = Application.GetApplication();
                PausingPulseTimer timer = new PausingPulseTimer(toolkit, idleField, (Runnable) runnableField.get(toolkit),
                        application::createTimer);
                current.stop();
                timer.start((int) period);
                timerField.set(toolkit, timer);
                return timer;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("JavaFX's pulse timer stays as it is: {}", e.toString());
            return null;
        }
    }

    @Override
    protected long _start(Runnable runnable) {
        throw new UnsupportedOperationException("vsync timer not supported");
    }

    @Override
    protected long _start(Runnable runnable, int period) {
        this.period = period;
        running = startPlatform();
        return 1L;
    }

    @Override
    protected void _stop(long timer) {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    @Override
    protected void _pause(long timer) {
        _stop(timer);
    }

    @Override
    protected void _resume(long timer) {
        if (running == null) { // JavaFX resumes at every pulse it asks for: running, that is nothing
            running = startPlatform();
        }
    }

    private Timer startPlatform() {
        Timer timer = platform.apply(() -> {
            fired++;
            pulse.run();
            pauseIfIdle();
        });
        timer.start(period);
        return timer;
    }

    /**
     * On the UI thread after each tick. Under the toolkit's lock, an idle flag means no pulse was asked for since this
     * tick found nothing to do, and any later request resumes this timer after the lock is released.
     */
    private void pauseIfIdle() {
        synchronized (toolkit) {
            try {
                if (idle.getBoolean(toolkit)) {
                    pause();
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e); // made accessible at install
            }
        }
    }

    synchronized boolean paused() {
        return running == null;
    }

    long fired() {
        return fired;
    }
}

package dev.wsmon.bench;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Records the time of every FX pulse: an {@link AnimationTimer} is called once per pulse with the pulse's time, and
 * while it runs it also keeps the toolkit pulsing at its full rate, so an idle scene does not hide the pulse clock.
 * Used on the FX thread only.
 */
final class PulseRecorder extends AnimationTimer {

    private long[] pulses = new long[8192];
    private int count;

    @Override
    public void handle(long now) {
        if (count == pulses.length) {
            pulses = Arrays.copyOf(pulses, count * 2);
        }
        pulses[count++] = now;
    }

    /** Forgets what was recorded so far: the window starts now. */
    void clear() {
        count = 0;
    }

    /** The pulse times recorded since {@link #clear}, in nanoseconds of {@link System#nanoTime}. */
    long[] pulses() {
        return Arrays.copyOf(pulses, count);
    }
}

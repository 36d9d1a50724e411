package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Numbers for people, compact enough for a table cell. */
public final class Formats {

    public static final String NONE = "—";

    private Formats() {
    }

    /** {@code 350 ms}, {@code 4.2 s}, {@code 42 s}, {@code 3 min 05 s}, {@code 1 h 02 min}, {@code 2 d 03 h}. */
    public static String elapsed(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d d %02d h", s / 86_400, (s % 86_400) / 3600);
    }

    /** A configured duration, exactly as set: {@code 250 ms}, {@code 1.25 s}, {@code 5 min}, {@code 1 h}. */
    public static String duration(Duration d) {
        return Durations.format(d);
    }

    /** A measured duration (a wait, a delay drawn with jitter), to about three significant digits: {@code 7.35 ms}. */
    public static String measured(Duration d) {
        return Durations.measured(d);
    }

    /** A round-trip time, measured: {@code 0.31 ms}, {@code 12.4 ms}, {@code 123 ms}, {@code 1.23 s}. */
    public static String rtt(Duration d) {
        return Durations.measured(d);
    }

    public static String rtt(Optional<Duration> d) {
        return d.map(Formats::rtt).orElse(NONE);
    }

    /** {@code 0 %}, {@code 0.8 %}, {@code 12 %}. */
    public static String percent(double ratio) {
        double p = ratio * 100;
        if (p == 0) {
            return "0 %";
        }
        if (p < 10) {
            return String.format(Locale.ROOT, "%.1f %%", p);
        }
        return String.format(Locale.ROOT, "%.0f %%", p);
    }

    public static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}

package dev.wsmon.app.viewmodel;

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

    /** A setting or delay, short and exact: {@code 250 ms}, {@code 2 s}, {@code 1.25 s}, {@code 5 min}, {@code 1 h}. */
    public static String duration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000_000L) {
            return nanos % 1_000_000 == 0 || nanos < 10_000_000 ? dev.wsmon.core.Durations.format(d)
                    : Math.round(nanos / 1e6) + " ms"; // a measured delay: whole milliseconds are enough
        }
        long ms = Math.round(nanos / 1e6);
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        if (ms < 120_000) {
            java.math.BigDecimal s = java.math.BigDecimal.valueOf(ms, 3);
            if (nanos % 1_000_000 != 0 || ms % 10 != 0) {
                s = s.setScale(2, java.math.RoundingMode.HALF_UP); // measured: 1.78 s, not 1.779156 s
            }
            return s.stripTrailingZeros().toPlainString() + " s";
        }
        return dev.wsmon.core.Durations.format(java.time.Duration.ofMillis(ms));
    }

    /** A round-trip time: {@code 0.31 ms}, {@code 12.4 ms}, {@code 123 ms}, {@code 1.23 s}. */
    public static String rtt(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
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

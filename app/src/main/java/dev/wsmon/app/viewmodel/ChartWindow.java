package dev.wsmon.app.viewmodel;

import java.time.Duration;

/**
 * How much history the latency chart shows, and over what the table's p95 and loss are computed. Up to an hour the
 * chart draws every sample it holds in memory; 6 h, 24 h and 7 d draw the history database's per-minute rollups, and
 * the figures stay those of the last hour (the engine keeps about an hour of samples for them).
 */
public enum ChartWindow {
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15 min", Duration.ofMinutes(15)),
    ONE_HOUR("1 h", Duration.ofHours(1)),
    SIX_HOURS("6 h", Duration.ofHours(6)),
    ONE_DAY("24 h", Duration.ofHours(24)),
    SEVEN_DAYS("7 d", Duration.ofDays(7));

    private final String label;
    private final Duration duration;

    ChartWindow(String label, Duration duration) {
        this.label = label;
        this.duration = duration;
    }

    public String label() {
        return label;
    }

    public Duration duration() {
        return duration;
    }

    public long millis() {
        return duration.toMillis();
    }

    /** Whether the chart draws the history's per-minute rollups rather than the samples in memory. */
    public boolean fromRollups() {
        return duration.compareTo(LatencyHistory.KEEP) > 0;
    }

    /** The window of the p95, loss and other figures: this one, at most an hour. */
    public ChartWindow stats() {
        return fromRollups() ? ONE_HOUR : this;
    }

    /** The window named {@code name}, or one minute. */
    public static ChartWindow parse(String name) {
        for (ChartWindow w : values()) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        return ONE_MINUTE;
    }
}

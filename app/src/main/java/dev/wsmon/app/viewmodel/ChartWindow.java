package dev.wsmon.app.viewmodel;

import java.time.Duration;

/** How much history the latency chart shows, and over what the table's p95 and loss are computed. */
public enum ChartWindow {
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15 min", Duration.ofMinutes(15)),
    ONE_HOUR("1 h", Duration.ofHours(1));

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

package dev.wsmon.app.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How the history records.
 *
 * @param keep how long it keeps what it recorded (7 days by default)
 * @param queueCapacity events waiting for the writer beyond this many are dropped, and counted
 * @param flushEvery how long events wait in the queue at most before they are written in one transaction
 * @param pruneEvery how often the writer deletes what is older than {@code keep}
 */
public record HistoryOptions(Duration keep, int queueCapacity, Duration flushEvery, Duration pruneEvery) {

    public static final Duration DEFAULT_KEEP = Duration.ofDays(7);
    public static final HistoryOptions DEFAULTS = new HistoryOptions(DEFAULT_KEEP, 100_000, Duration.ofMillis(500),
            Duration.ofHours(1));

    public HistoryOptions {
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(flushEvery, "flushEvery");
        Objects.requireNonNull(pruneEvery, "pruneEvery");
        if (keep.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("history must be kept at least 1 h (the chart's live window), got " + keep);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the history queue must hold at least one event, got " + queueCapacity);
        }
        if (flushEvery.isNegative() || flushEvery.isZero() || pruneEvery.isNegative() || pruneEvery.isZero()) {
            throw new IllegalArgumentException("flush and prune intervals must be positive");
        }
    }

    public HistoryOptions withKeep(Duration value) {
        return new HistoryOptions(value, queueCapacity, flushEvery, pruneEvery);
    }

    public HistoryOptions withQueueCapacity(int value) {
        return new HistoryOptions(keep, value, flushEvery, pruneEvery);
    }

    /**
     * The retention of {@code text} days, as the desktop settings file holds it.
     *
     * @throws IllegalArgumentException with a message naming the value
     */
    public static Duration parseDays(String text) {
        try {
            long days = Long.parseLong(text.trim());
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("history.days must be 1…3650, got " + text.trim());
            }
            return Duration.ofDays(days);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("history.days must be a whole number of days, got '" + text + "'");
        }
    }
}

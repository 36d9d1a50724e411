package dev.wsmon.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way people write them: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a duration such as {@code 250ms}, {@code 1.5s}, {@code 2m} or {@code 1h}.
     *
     * @throws IllegalArgumentException with a message saying what is accepted
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number with ms, s, m or h, e.g. 250ms, 1.5s, 2m");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long unitNanos = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * Prints a duration for people, exactly: {@code 250 ms}, {@code 1.5 s}, {@code 2 min}, {@code 1.25 h};
     * a value that no larger unit expresses in a few decimals stays in ms, so no limit reads as its neighbour.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long nanos = d.toNanos();
        if (nanos % 1_000_000 != 0) {
            return decimal(BigDecimal.valueOf(nanos).movePointLeft(6)) + " ms";
        }
        long ms = nanos / 1_000_000;
        if (ms >= 7_200_000 && ms % 36_000 == 0) {
            return decimal(BigDecimal.valueOf(ms).divide(BigDecimal.valueOf(3_600_000))) + " h";
        }
        if (ms >= 120_000 && ms % 600 == 0) {
            return decimal(BigDecimal.valueOf(ms).divide(BigDecimal.valueOf(60_000))) + " min";
        }
        if (ms >= 10_000 && ms % 10 == 0) {
            return decimal(BigDecimal.valueOf(ms).movePointLeft(3)) + " s";
        }
        return ms + " ms";
    }

    /** The same duration in the command-line syntax that {@link #parse} reads back exactly. */
    public static String toSyntax(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000 != 0) {
            return decimal(BigDecimal.valueOf(nanos).movePointLeft(6)) + "ms";
        }
        long ms = nanos / 1_000_000;
        if (ms > 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms > 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms > 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}

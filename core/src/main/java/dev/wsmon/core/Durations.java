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

    /** Prints a duration compactly and exactly enough for a person: {@code 250 ms}, {@code 1.5 s}, {@code 2 min}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (ms < 10_000 && d.toNanos() % 1_000_000 != 0 && ms < 10) {
            return trim(d.toNanos() / 1_000_000.0) + " ms";
        }
        if (ms < 10_000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return trim(ms / 1000.0) + " s";
        }
        if (ms < 7_200_000) {
            return trim(ms / 60_000.0) + " min";
        }
        return trim(ms / 3_600_000.0) + " h";
    }

    /** The same duration in the command-line syntax that {@link #parse} reads back. */
    public static String toSyntax(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

package dev.wsmon.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way people write them: {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);
    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
    /** Below this many ms, three significant digits would print noise such as 0.00412 ms. */
    private static final BigDecimal HUNDREDTH = new BigDecimal("0.01");

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
     * Prints a configured duration for people, exactly: {@code 250 ms}, {@code 1.5 s}, {@code 1001 ms}, {@code 2 min},
     * {@code 1.25 h};
     * a value that no larger unit expresses in a few decimals stays in ms, so no limit reads as its neighbour.
     * Never throws, whatever the duration.
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        BigDecimal nanos = nanos(d);
        if (nanos.remainder(NANOS_PER_MILLI).signum() != 0) {
            return decimal(nanos.movePointLeft(6)) + " ms";
        }
        BigDecimal ms = nanos.movePointLeft(6);
        if (ms.compareTo(BigDecimal.valueOf(3_600_000)) >= 0 && ms.remainder(BigDecimal.valueOf(36_000)).signum() == 0) {
            return decimal(ms.divide(BigDecimal.valueOf(3_600_000))) + " h";
        }
        if (ms.compareTo(BigDecimal.valueOf(120_000)) >= 0 && ms.remainder(BigDecimal.valueOf(600)).signum() == 0) {
            return decimal(ms.divide(BigDecimal.valueOf(60_000))) + " min";
        }
        if (ms.compareTo(BigDecimal.valueOf(1_000)) >= 0 && ms.remainder(BigDecimal.TEN).signum() == 0) {
            return decimal(ms.movePointLeft(3)) + " s";
        }
        return decimal(ms) + " ms";
    }

    /**
     * Prints a measured duration for people, to about three significant digits: {@code 0.31 ms}, {@code 7.35 ms},
     * {@code 123 ms}, {@code 3 s} (for 3000.75 ms), {@code 1.78 s}, {@code 4.5 min}, {@code 27.8 h}. A measurement's
     * nanoseconds are noise in a sentence. Never throws, whatever the duration.
     */
    public static String measured(Duration d) {
        if (d.isNegative()) {
            return "-" + measured(d.negated());
        }
        BigDecimal ms = nanos(d).movePointLeft(6);
        if (ms.signum() == 0) {
            return "0 ms";
        }
        // Round first, then pick the unit, so that 999.7 ms reads 1 s and not 1000 ms.
        BigDecimal roundedMs = ms.round(THREE_DIGITS);
        if (roundedMs.compareTo(BigDecimal.valueOf(1000)) < 0) {
            return decimal(ms.compareTo(HUNDREDTH) < 0 ? ms.setScale(3, RoundingMode.HALF_UP) : roundedMs) + " ms";
        }
        BigDecimal s = ms.movePointLeft(3);
        if (s.round(THREE_DIGITS).compareTo(BigDecimal.valueOf(600)) < 0) {
            return decimal(s.round(THREE_DIGITS)) + " s";
        }
        BigDecimal min = s.divide(BigDecimal.valueOf(60), MathContext.DECIMAL64);
        if (min.round(THREE_DIGITS).compareTo(BigDecimal.valueOf(600)) < 0) {
            return decimal(min.round(THREE_DIGITS)) + " min";
        }
        return decimal(s.divide(BigDecimal.valueOf(3600), MathContext.DECIMAL64).round(THREE_DIGITS)) + " h";
    }

    /** The exact nanoseconds of any duration: {@link Duration#toNanos()} overflows past 292 years. */
    private static BigDecimal nanos(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).movePointRight(9).add(BigDecimal.valueOf(d.getNano()));
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

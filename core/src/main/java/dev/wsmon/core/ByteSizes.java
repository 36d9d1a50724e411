package dev.wsmon.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes the way people write them: plain bytes ({@code 1048576}) or binary multiples ({@code 512KiB},
 * {@code 16MiB}, {@code 1GiB}). Decimal units (KB, MB) are refused rather than guessed: 16MB is ambiguous.
 */
public final class ByteSizes {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,19})\\s*(b|kib|mib|gib)?");
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private ByteSizes() {
    }

    /**
     * Parses {@code 1048576}, {@code 1048576B}, {@code 512KiB}, {@code 16MiB} or {@code 1GiB}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static long parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = SYNTAX.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes (1048576) or a number with KiB, MiB"
                    + " or GiB (512KiB, 16MiB)");
        }
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "kib" -> KIB;
            case "mib" -> MIB;
            case "gib" -> GIB;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
    }

    /** The shortest exact spelling that {@link #parse} reads back: {@code 16MiB}, {@code 1000}. */
    public static String format(long bytes) {
        if (bytes > 0 && bytes % GIB == 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes > 0 && bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        if (bytes > 0 && bytes % KIB == 0) {
            return bytes / KIB + "KiB";
        }
        return Long.toString(bytes);
    }
}

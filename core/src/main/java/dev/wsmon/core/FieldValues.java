package dev.wsmon.core;

import java.util.Optional;

/**
 * What may not appear in an HTTP field value: CR, LF and NUL (RFC 9110 5.5), which would end the line and let the
 * rest be read as another header. One check for literal values and for values taken from the environment.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** What is wrong with {@code value} as a field value, e.g. "a line break (CR)"; empty when nothing is. */
    public static Optional<String> problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case '\r' -> {
                    return Optional.of("a line break (CR)");
                }
                case '\n' -> {
                    return Optional.of("a line break (LF)");
                }
                case '\0' -> {
                    return Optional.of("a NUL character");
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }
}

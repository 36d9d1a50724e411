package dev.wsmon.app.headless;

import dev.wsmon.core.Redaction;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code --header 'Name: value'}. The value may hold {@code ${ENV_NAME}} templates; the engine
 * expands them at connect time.
 */
public record Header(String name, String value) {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses {@code Name: value}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Header parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + leadingName(text) + "' is not a header; write 'Name: value'");
        }
        String name = text.substring(0, colon).trim();
        String value = text.substring(colon + 1).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("':…' has no header name; write 'Name: value'");
        }
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid header name (letters, digits"
                    + " and !#$%&'*+.^_`|~- only)");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("'" + name + "': a header value must not contain a line break");
        }
        return new Header(name, value);
    }

    /** The name only: the value may be a credential. */
    @Override
    public String toString() {
        return name + ": " + Redaction.MASK;
    }

    /** What a message may echo of text that is no header: the name-like start, never what may be a value. */
    private static String leadingName(String text) {
        if (text == null) {
            return "";
        }
        int end = 0;
        while (end < text.length() && end < 40 && TOKEN.matcher(text.substring(end, end + 1)).matches()) {
            end++;
        }
        return end == text.length() ? text : text.substring(0, end) + "…";
    }
}

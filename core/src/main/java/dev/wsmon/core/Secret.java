package dev.wsmon.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.Objects;

/**
 * A value that may hold a credential: a header value, a password, a URL with user-info or a token in its query.
 * Its {@code toString} and JSON form are the redacted form, so a new output path cannot print it by accident;
 * only {@link #reveal()} gives the value, for the wire.
 */
public final class Secret {

    private final String value;
    private final String shown;

    private Secret(String value, String shown) {
        this.value = Objects.requireNonNull(value, "value");
        this.shown = shown;
    }

    /** A value shown as {@value Redaction#MASK}. */
    public static Secret of(String value) {
        return new Secret(value, Redaction.MASK);
    }

    /** A URL shown as {@link Redaction#url(URI)} shows it. */
    public static Secret url(URI uri) {
        return new Secret(uri.toString(), Redaction.url(uri));
    }

    /** The value itself; call it only where the value goes on the wire or into the user's own profile. */
    public String reveal() {
        return value;
    }

    /** The redacted form. */
    @JsonValue
    @Override
    public String toString() {
        return shown;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}

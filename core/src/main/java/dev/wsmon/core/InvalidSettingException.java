package dev.wsmon.core;

import java.util.Objects;

/**
 * A value a {@link Setting} does not allow. Carries the setting and the value, so that a form, a profile reader or
 * the command line can show the message where the value came from without reading the message's words.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Setting setting;
    private final transient Object value;

    public InvalidSettingException(Setting setting, Object value, String message) {
        super(message);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.value = value;
    }

    /** The setting at fault. */
    public Setting setting() {
        return setting;
    }

    /** The value refused (may be null). */
    public Object value() {
        return value;
    }
}

package dev.wsmon.app.profile;

import dev.wsmon.core.Setting;
import dev.wsmon.core.InvalidSettingException;
import dev.wsmon.core.Settings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Some fields of {@link Settings}, to lay over a base: a profile's {@code defaults}, a connection's
 * {@code settings}, the command-line flags. Keeps which fields were given, so a profile saves back only
 * what its author wrote.
 *
 * @param values field values, each of its field's {@link Setting.Kind} type
 */
public record SettingsOverrides(Map<Setting, Object> values) {

    public static final SettingsOverrides NONE = new SettingsOverrides(Map.of());

    public SettingsOverrides {
        EnumMap<Setting, Object> copy = new EnumMap<>(Setting.class);
        values.forEach((field, value) -> copy.put(field, field.requireType(value)));
        values = Collections.unmodifiableMap(copy);
    }

    public Optional<Object> get(Setting field) {
        return Optional.ofNullable(values.get(field));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public SettingsOverrides with(Setting field, Object value) {
        Map<Setting, Object> next = new LinkedHashMap<>(values);
        next.put(field, Objects.requireNonNull(value, "value"));
        return new SettingsOverrides(next);
    }

    public SettingsOverrides without(Setting field) {
        Map<Setting, Object> next = new LinkedHashMap<>(values);
        next.remove(field);
        return new SettingsOverrides(next);
    }

    /** These values, with {@code over}'s where both have one. */
    public SettingsOverrides overriddenBy(SettingsOverrides over) {
        Map<Setting, Object> next = new LinkedHashMap<>(values);
        next.putAll(over.values);
        return new SettingsOverrides(next);
    }

    /**
     * {@code base} with these values.
     *
     * @throws IllegalArgumentException with the message of {@link Settings}' validation
     */
    public Settings applyTo(Settings base) {
        Settings.Builder b = base.toBuilder();
        values.forEach((field, value) -> field.set(b, value));
        return b.build();
    }

    /**
     * Which field to blame when {@link #applyTo} fails: the one the {@link InvalidSettingException} names if it is
     * given here, else the first one whose removal makes the whole valid,
     * else the first one that is invalid on its own over {@code base}. Empty when the result is valid or no
     * single field is at fault.
     */
    public Optional<Blame> blame(Settings base) {
        try {
            applyTo(base);
            return Optional.empty();
        } catch (InvalidSettingException whole) {
            if (values.containsKey(whole.setting())) {
                return Optional.of(new Blame(whole.setting(), values.get(whole.setting()), whole.getMessage()));
            }
            return blameByRemoval(base, whole);
        } catch (IllegalArgumentException whole) {
            return blameByRemoval(base, whole);
        }
    }

    /** A rule broken by a value not given here (e.g. the default max delay below a given initial delay). */
    private Optional<Blame> blameByRemoval(Settings base, IllegalArgumentException whole) {
        for (Map.Entry<Setting, Object> e : values.entrySet()) {
            try {
                without(e.getKey()).applyTo(base);
                return Optional.of(new Blame(e.getKey(), e.getValue(), whole.getMessage()));
            } catch (IllegalArgumentException stillBad) {
                // not this one alone
            }
        }
        for (Map.Entry<Setting, Object> e : values.entrySet()) {
            try {
                NONE.with(e.getKey(), e.getValue()).applyTo(base);
            } catch (IllegalArgumentException alone) {
                return Optional.of(new Blame(e.getKey(), e.getValue(), alone.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** A field and value found at fault, with the validation message. */
    public record Blame(Setting field, Object value, String message) {
    }
}

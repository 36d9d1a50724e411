package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The settings an operator tunes live. {@link #engineName} is how the engine's validation messages name the field
 * ("ping timeout must be ≥ 10 ms, got 0 ms"), so a message can be shown next to the field it is about.
 */
public enum TuningField {
    PING_INTERVAL("Ping interval", "ping interval", Settings::pingInterval, Settings.Builder::pingInterval),
    PING_TIMEOUT("Ping timeout", "ping timeout", Settings::pingTimeout, Settings.Builder::pingTimeout),
    OPEN_TIMEOUT("Open timeout", "open timeout", Settings::openTimeout, Settings.Builder::openTimeout),
    CLOSE_TIMEOUT("Close timeout", "close timeout", Settings::closeTimeout, Settings.Builder::closeTimeout),
    RECONNECT_INITIAL("Reconnect initial", "reconnect initial delay", Settings::reconnectInitial,
            Settings.Builder::reconnectInitial),
    RECONNECT_MAX("Reconnect max", "reconnect max delay", Settings::reconnectMax, Settings.Builder::reconnectMax);

    private final String label;
    private final String engineName;
    private final Function<Settings, Duration> getter;
    private final BiFunction<Settings.Builder, Duration, Settings.Builder> setter;

    TuningField(String label, String engineName, Function<Settings, Duration> getter,
                BiFunction<Settings.Builder, Duration, Settings.Builder> setter) {
        this.label = label;
        this.engineName = engineName;
        this.getter = getter;
        this.setter = setter;
    }

    public String label() {
        return label;
    }

    public String engineName() {
        return engineName;
    }

    public Duration get(Settings s) {
        return getter.apply(s);
    }

    public Settings.Builder set(Settings.Builder b, Duration value) {
        return setter.apply(b, value);
    }

    /** The field an engine validation message is about, if it is one of these. */
    public static Optional<TuningField> blamedBy(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String m = message.toLowerCase(Locale.ROOT);
        TuningField best = null;
        for (TuningField f : values()) {
            if (m.startsWith(f.engineName) && (best == null || f.engineName.length() > best.engineName.length())) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }

    /** What changed between two settings, for the log and the chart's marks: {@code ping interval 1 s → 2 s}. */
    public static String describeChange(Settings previous, Settings next) {
        StringBuilder sb = new StringBuilder();
        for (TuningField f : values()) {
            Duration a = f.get(previous);
            Duration b = f.get(next);
            if (!a.equals(b)) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(f.engineName).append(' ').append(Formats.duration(a)).append(" → ")
                        .append(Formats.duration(b));
            }
        }
        if (sb.length() == 0 && !previous.equals(next)) {
            return "other settings changed";
        }
        return sb.toString();
    }
}

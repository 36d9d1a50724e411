package dev.wsmon.app.profile;

import dev.wsmon.core.Durations;
import dev.wsmon.core.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One field of {@link Settings} as profiles and the command line name it: the profile key, the flag that
 * overrides it, and how its values are written. Profiles and flags share this table so that they cannot
 * drift apart.
 */
public enum SettingField {
    PING_INTERVAL("pingInterval", "--ping-interval", Kind.DURATION, Settings::pingInterval,
            (b, v) -> b.pingInterval((Duration) v)),
    PING_TIMEOUT("pingTimeout", "--ping-timeout", Kind.DURATION, Settings::pingTimeout,
            (b, v) -> b.pingTimeout((Duration) v)),
    OPEN_TIMEOUT("openTimeout", "--open-timeout", Kind.DURATION, Settings::openTimeout,
            (b, v) -> b.openTimeout((Duration) v)),
    CLOSE_TIMEOUT("closeTimeout", "--close-timeout", Kind.DURATION, Settings::closeTimeout,
            (b, v) -> b.closeTimeout((Duration) v)),
    RECONNECT_INITIAL("reconnectInitial", "--reconnect-initial", Kind.DURATION, Settings::reconnectInitial,
            (b, v) -> b.reconnectInitial((Duration) v)),
    RECONNECT_MAX("reconnectMax", "--reconnect-max", Kind.DURATION, Settings::reconnectMax,
            (b, v) -> b.reconnectMax((Duration) v)),
    RECONNECT_MULTIPLIER("reconnectMultiplier", "--reconnect-multiplier", Kind.NUMBER, Settings::reconnectMultiplier,
            (b, v) -> b.reconnectMultiplier((Double) v)),
    RECONNECT_JITTER("reconnectJitter", "--reconnect-jitter", Kind.NUMBER, Settings::reconnectJitter,
            (b, v) -> b.reconnectJitter((Double) v)),
    STABLE_PERIOD("stablePeriod", "--stable-period", Kind.DURATION, Settings::stablePeriod,
            (b, v) -> b.stablePeriod((Duration) v)),
    AUTO_RECONNECT("autoReconnect", "--no-reconnect", Kind.BOOLEAN, Settings::autoReconnect,
            (b, v) -> b.autoReconnect((Boolean) v)),
    MAX_MESSAGE_SIZE("maxMessageSize", "--max-message-size", Kind.INT_SIZE, Settings::maxMessageSize,
            (b, v) -> b.maxMessageSize((Integer) v)),
    SEND_QUEUE_CAP("sendQueueCap", "--send-queue-cap", Kind.LONG_SIZE, Settings::sendQueueCap,
            (b, v) -> b.sendQueueCap((Long) v));

    /** How a field's values are typed, written in JSON and shown to people. */
    public enum Kind {
        DURATION(Duration.class, "a duration string such as \"250ms\", \"1.5s\" or \"2m\""),
        NUMBER(Double.class, "a number"),
        BOOLEAN(Boolean.class, "true or false"),
        INT_SIZE(Integer.class, "a size: bytes as an integer, or a string such as \"512KiB\" or \"16MiB\""),
        LONG_SIZE(Long.class, "a size: bytes as an integer, or a string such as \"512KiB\" or \"16MiB\"");

        private final Class<?> type;
        private final String allowed;

        Kind(Class<?> type, String allowed) {
            this.type = type;
            this.allowed = allowed;
        }

        /** What a value must look like, for error messages. */
        public String allowed() {
            return allowed;
        }

        Class<?> type() {
            return type;
        }
    }

    private final String key;
    private final String flag;
    private final Kind kind;
    private final Function<Settings, Object> getter;
    private final BiConsumer<Settings.Builder, Object> setter;

    SettingField(String key, String flag, Kind kind, Function<Settings, Object> getter,
                 BiConsumer<Settings.Builder, Object> setter) {
        this.key = key;
        this.flag = flag;
        this.kind = kind;
        this.getter = getter;
        this.setter = setter;
    }

    /** The key in a profile's {@code defaults} and {@code settings} objects, e.g. {@code pingInterval}. */
    public String key() {
        return key;
    }

    /** The command-line flag that overrides this field, e.g. {@code --ping-interval}. */
    public String flag() {
        return flag;
    }

    public Kind kind() {
        return kind;
    }

    public Object get(Settings settings) {
        return getter.apply(settings);
    }

    void set(Settings.Builder builder, Object value) {
        setter.accept(builder, value);
    }

    /** The value as a person writes it on the command line or in a profile: {@code 250ms}, {@code 16MiB}, {@code 2.0}. */
    public String display(Object value) {
        return switch (kind) {
            case DURATION -> durationSyntax((Duration) value);
            case INT_SIZE, LONG_SIZE -> ByteSizes.format(((Number) value).longValue());
            case NUMBER, BOOLEAN -> String.valueOf(value);
        };
    }

    /**
     * Checks that {@code value} has this field's type.
     *
     * @throws IllegalArgumentException for a programming error (wrong type)
     */
    Object requireType(Object value) {
        if (!kind.type().isInstance(value)) {
            throw new IllegalArgumentException(key + " takes a " + kind.type().getSimpleName() + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return value;
    }

    /**
     * A size in bytes, checked against the field's Java type.
     *
     * @throws IllegalArgumentException when it does not fit
     */
    public Object sizeValue(long bytes) {
        if (kind == Kind.INT_SIZE) {
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(ByteSizes.format(bytes) + " is too large; at most "
                        + Integer.MAX_VALUE + " bytes (2GiB - 1)");
            }
            return (int) bytes;
        }
        if (kind == Kind.LONG_SIZE) {
            return bytes;
        }
        throw new IllegalStateException(key + " is not a size");
    }

    public static Optional<SettingField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(SettingField::key).toList();
    }

    /**
     * The exact spelling {@link Durations#parse} reads back, keeping sub-millisecond parts
     * ({@link Durations#toSyntax} rounds to milliseconds).
     */
    public static String durationSyntax(Duration d) {
        if (d.toNanos() % 1_000_000 == 0) {
            return Durations.toSyntax(d);
        }
        return BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros().toPlainString() + "ms";
    }
}

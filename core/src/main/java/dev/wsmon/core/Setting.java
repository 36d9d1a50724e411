package dev.wsmon.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one table of {@link Settings}: for each setting its profile key, command-line flag, words in messages,
 * label in the tuning panel, kind (unit), allowed range, default (from {@link Settings#DEFAULTS}) and help. The
 * command line, the profile format, the tuning panel and the validation in {@link Settings} are built from it, so
 * they cannot drift apart. Adding a setting: one line here, a component of {@link Settings}, and its behaviour.
 */
public enum Setting {
    PING_INTERVAL("pingInterval", "--ping-interval", "ping interval", "Ping interval", Kind.DURATION,
            Limits.MIN_TIMER, Limits.MAX_TIMER, true, "Time between keepalive pings while OPEN.",
            Settings::pingInterval, (b, v) -> b.pingInterval((Duration) v)),
    PING_TIMEOUT("pingTimeout", "--ping-timeout", "ping timeout", "Ping timeout", Kind.DURATION,
            Limits.MIN_TIMER, Limits.MAX_TIMER, true,
            "A ping without pong for this long ends the connection: 1006, cause keepalive-timeout.",
            Settings::pingTimeout, (b, v) -> b.pingTimeout((Duration) v)),
    OPEN_TIMEOUT("openTimeout", "--open-timeout", "open timeout", "Open timeout", Kind.DURATION,
            Limits.MIN_TIMER, Limits.MAX_TIMER, true, "TCP connect + TLS + HTTP upgrade must finish within this.",
            Settings::openTimeout, (b, v) -> b.openTimeout((Duration) v)),
    CLOSE_TIMEOUT("closeTimeout", "--close-timeout", "close timeout", "Close timeout", Kind.DURATION,
            Limits.MIN_TIMER, Limits.MAX_TIMER, true,
            "A close handshake not finished within this aborts the TCP connection.",
            Settings::closeTimeout, (b, v) -> b.closeTimeout((Duration) v)),
    RECONNECT_INITIAL("reconnectInitial", "--reconnect-initial", "reconnect initial delay", "Reconnect initial",
            Kind.DURATION, Duration.ofMillis(1), Limits.MAX_TIMER, true, "First reconnect delay, before jitter.",
            Settings::reconnectInitial, (b, v) -> b.reconnectInitial((Duration) v)),
    RECONNECT_MAX("reconnectMax", "--reconnect-max", "reconnect max delay", "Reconnect max", Kind.DURATION,
            Duration.ofMillis(1), Limits.MAX_TIMER, true, "Cap of the reconnect delay.",
            Settings::reconnectMax, (b, v) -> b.reconnectMax((Duration) v)),
    RECONNECT_MULTIPLIER("reconnectMultiplier", "--reconnect-multiplier", "reconnect multiplier", "Reconnect multiplier",
            Kind.NUMBER, 1.0, 10.0, false, "Growth of the reconnect delay per failure, 1 to 10.",
            Settings::reconnectMultiplier, (b, v) -> b.reconnectMultiplier((Double) v)),
    RECONNECT_JITTER("reconnectJitter", "--reconnect-jitter", "reconnect jitter", "Reconnect jitter", Kind.NUMBER,
            0.0, 1.0, false, "Randomised fraction of each reconnect delay, 0 to 1.",
            Settings::reconnectJitter, (b, v) -> b.reconnectJitter((Double) v)),
    STABLE_PERIOD("stablePeriod", "--stable-period", "stable period", "Stable period", Kind.DURATION,
            Duration.ZERO, Limits.MAX_TIMER, false, "An OPEN lasting this long resets the reconnect backoff.",
            Settings::stablePeriod, (b, v) -> b.stablePeriod((Duration) v)),
    /** The flag turns it off: {@code --no-reconnect}. */
    AUTO_RECONNECT("autoReconnect", "--no-reconnect", "auto reconnect", "Auto reconnect", Kind.BOOLEAN,
            null, null, false, "Stop after the first CLOSED of each connection.",
            Settings::autoReconnect, (b, v) -> b.autoReconnect((Boolean) v)),
    MAX_MESSAGE_SIZE("maxMessageSize", "--max-message-size", "max message size", "Max message size", Kind.INT_SIZE,
            Limits.MIN_MESSAGE_SIZE, (long) Integer.MAX_VALUE, false,
            "A received message larger than this closes with 1009; a larger send is refused. Bytes, or KiB/MiB/GiB.",
            Settings::maxMessageSize, (b, v) -> b.maxMessageSize((Integer) v)),
    SEND_QUEUE_CAP("sendQueueCap", "--send-queue-cap", "send queue cap", "Send queue cap", Kind.LONG_SIZE,
            Limits.MIN_QUEUE_CAP, Limits.MAX_QUEUE_CAP, false,
            "Bytes accepted for sending but not yet written, at most; beyond, sends are refused with queue-full.",
            Settings::sendQueueCap, (b, v) -> b.sendQueueCap((Long) v)),
    // Alerts
    ALERT_AFTER("alertAfter", "--alert-after", "alert delay", "Alert after", Kind.DURATION,
            Limits.MIN_TIMER, Limits.MAX_TIMER, true,
            "A health other than HEALTHY must hold this long before an alert fires; the same to resolve (hysteresis).",
            Settings::alertAfter, (b, v) -> b.alertAfter((Duration) v)),
    // The feed session's application heartbeat: sent only when a heartbeat text is configured.
    HEARTBEAT_INTERVAL("heartbeatInterval", "--heartbeat-interval", "heartbeat interval", "Heartbeat interval",
            Kind.DURATION, Limits.MIN_TIMER, Limits.MAX_TIMER, true,
            "Time between application heartbeats (--heartbeat) while OPEN.",
            Settings::heartbeatInterval, (b, v) -> b.heartbeatInterval((Duration) v)),
    HEARTBEAT_TIMEOUT("heartbeatTimeout", "--heartbeat-timeout", "heartbeat timeout", "Heartbeat timeout",
            Kind.DURATION, Duration.ZERO, Limits.MAX_TIMER, true,
            "A heartbeat without the --heartbeat-expect reply for this long is missed; 0: the heartbeat interval.",
            Settings::heartbeatTimeout, (b, v) -> b.heartbeatTimeout((Duration) v)),
    // Health thresholds: each has an "off" value (written "off") that no measurement can cross.
    STALE_AFTER("staleAfter", "--stale-after", "stale after", "Stale after", Kind.DURATION, Limits.MIN_TIMER,
            Limits.MAX_TIMER, true,
            "No data message received for this long while OPEN makes health DEGRADED (reason stale); off to disable.",
            Settings::staleAfter, (b, v) -> b.staleAfter((Duration) v), Duration.ZERO),
    DEGRADED_RTT("degradedRtt", "--degraded-rtt", "degraded RTT", "Degraded RTT", Kind.DURATION, Duration.ofMillis(1),
            Limits.MAX_TIMER, true,
            "Keepalive RTT p95 over the last minute above this makes health DEGRADED (reason rtt-high); off to disable.",
            Settings::degradedRtt, (b, v) -> b.degradedRtt((Duration) v), Duration.ZERO),
    DEGRADED_LOSS("degradedLoss", "--degraded-loss", "degraded loss", "Degraded loss %", Kind.NUMBER, 0.0, 100.0, true,
            "Unanswered keepalive pings over the last minute above this percentage make health DEGRADED (reason loss),"
                    + " 0 to 100; off (= 100) to disable.",
            Settings::degradedLoss, (b, v) -> b.degradedLoss((Double) v), 100.0),
    RECONNECT_WHEN_STALE("reconnectWhenStale", "--reconnect-when-stale", "reconnect when stale", "Reconnect when stale",
            Kind.BOOLEAN, null, null, false,
            "Reconnect at once when the feed goes stale (needs --stale-after).",
            Settings::reconnectWhenStale, (b, v) -> b.reconnectWhenStale((Boolean) v));

    /** The limits, here so that reading the table never initialises {@link Settings} (whose defaults it checks). */
    static final class Limits {
        static final Duration MIN_TIMER = Duration.ofMillis(10);
        static final Duration MAX_TIMER = Duration.ofHours(1);
        static final long MIN_MESSAGE_SIZE = 125;
        static final long MIN_QUEUE_CAP = 1024;
        static final long MAX_QUEUE_CAP = 1L << 30;

        private Limits() {
        }
    }

    /** How a setting's values are typed, written and shown. */
    public enum Kind {
        DURATION(Duration.class, "D", "a duration string such as \"250ms\", \"1.5s\" or \"2m\""),
        NUMBER(Double.class, "X", "a number"),
        BOOLEAN(Boolean.class, "", "true or false"),
        INT_SIZE(Integer.class, "N", "a size: bytes as an integer, or a string such as \"512KiB\" or \"16MiB\""),
        LONG_SIZE(Long.class, "N", "a size: bytes as an integer, or a string such as \"512KiB\" or \"16MiB\"");

        private final Class<?> type;
        private final String label;
        private final String allowed;

        Kind(Class<?> type, String label, String allowed) {
            this.type = type;
            this.label = label;
            this.allowed = allowed;
        }

        /** What a value must look like, for error messages. */
        public String allowed() {
            return allowed;
        }

        /** The placeholder of the value in the command-line help: D, X, N. */
        public String paramLabel() {
            return label;
        }

        public Class<?> type() {
            return type;
        }
    }

    private final String key;
    private final String flag;
    private final String words;
    private final String label;
    private final Kind kind;
    private final Object min;
    private final Object max;
    private final boolean tunable;
    private final String help;
    private final Function<Settings, Object> getter;
    private final BiConsumer<Settings.Builder, Object> setter;
    /** The value written "off", allowed outside the range; null when the setting cannot be turned off. */
    private final Object off;

    Setting(String key, String flag, String words, String label, Kind kind, Object min, Object max, boolean tunable,
            String help, Function<Settings, Object> getter, BiConsumer<Settings.Builder, Object> setter) {
        this(key, flag, words, label, kind, min, max, tunable, help, getter, setter, null);
    }

    Setting(String key, String flag, String words, String label, Kind kind, Object min, Object max, boolean tunable,
            String help, Function<Settings, Object> getter, BiConsumer<Settings.Builder, Object> setter, Object off) {
        this.off = off;
        this.key = key;
        this.flag = flag;
        this.words = words;
        this.label = label;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.tunable = tunable;
        this.help = help;
        this.getter = getter;
        this.setter = setter;
    }

    /** The key in a profile's {@code defaults} and {@code settings} objects, e.g. {@code pingInterval}. */
    public String key() {
        return key;
    }

    /** The command-line flag, e.g. {@code --ping-interval}. */
    public String flag() {
        return flag;
    }

    /** How messages name it: {@code ping interval}. */
    public String words() {
        return words;
    }

    /** Its label in the tuning panel: {@code Ping interval}. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the live tuning panel shows it. */
    public boolean tunable() {
        return tunable;
    }

    /** One sentence for the command-line help, without the default. */
    public String help() {
        return help;
    }

    /** The value that turns this setting off (written {@code off}), if it can be turned off. */
    public Optional<Object> off() {
        return Optional.ofNullable(off);
    }

    /** Whether {@code value} is this setting's {@linkplain #off() off} value. */
    public boolean isOff(Object value) {
        return off != null && off.equals(value);
    }

    /** Its value in {@link Settings#DEFAULTS}. */
    public Object defaultValue() {
        return get(Settings.DEFAULTS);
    }

    public Object get(Settings settings) {
        return getter.apply(settings);
    }

    /** Sets the value on a builder; {@link Settings.Builder#build()} validates. */
    public void set(Settings.Builder builder, Object value) {
        setter.accept(builder, requireType(value));
    }

    /**
     * Checks that {@code value} has this setting's type.
     *
     * @throws IllegalArgumentException for a programming error (wrong type)
     */
    public Object requireType(Object value) {
        if (!kind.type().isInstance(value)) {
            throw new IllegalArgumentException(key + " takes a " + kind.type().getSimpleName() + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return value;
    }

    /**
     * Reads a value as a person writes it on the command line, in a profile string or in the tuning panel.
     *
     * @throws InvalidSettingException saying what is accepted
     */
    public Object parse(String text) {
        if (off != null && text != null && text.trim().equalsIgnoreCase("off")) {
            return off;
        }
        try {
            return switch (kind) {
                case DURATION -> Durations.parse(text);
                case NUMBER -> parseNumber(text);
                case BOOLEAN -> parseBoolean(text);
                case INT_SIZE, LONG_SIZE -> sizeValue(ByteSizes.parse(text));
            };
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(this, text, e.getMessage());
        }
    }

    /**
     * A size in bytes, checked against the setting's Java type.
     *
     * @throws InvalidSettingException when it does not fit
     */
    public Object sizeValue(long bytes) {
        if (kind == Kind.INT_SIZE) {
            if (bytes > Integer.MAX_VALUE) {
                throw new InvalidSettingException(this, bytes, ByteSizes.format(bytes) + " is too large; at most "
                        + Integer.MAX_VALUE + " bytes (2GiB - 1)");
            }
            return (int) bytes;
        }
        if (kind == Kind.LONG_SIZE) {
            return bytes;
        }
        throw new IllegalStateException(key + " is not a size");
    }

    /** The value as a person writes it: {@code 250ms}, {@code 16MiB}, {@code 2.0}. */
    public String display(Object value) {
        if (isOff(value)) {
            return "off";
        }
        return switch (kind) {
            case DURATION -> Durations.toSyntax((Duration) value);
            case INT_SIZE, LONG_SIZE -> ByteSizes.format(((Number) value).longValue());
            case NUMBER, BOOLEAN -> String.valueOf(value);
        };
    }

    /**
     * Checks the value against this setting's range.
     *
     * @throws InvalidSettingException naming the setting, the value and the range
     * @throws NullPointerException naming the setting, for a missing value
     */
    void requireInRange(Object value) {
        if (value == null) {
            throw new NullPointerException(words);
        }
        if (isOff(value)) {
            return;
        }
        switch (kind) {
            case DURATION -> {
                Duration v = (Duration) value;
                if (v.compareTo((Duration) min) < 0) {
                    throw invalid(value, "must be ≥ " + Durations.format((Duration) min) + ", got " + Durations.format(v));
                }
                if (v.compareTo((Duration) max) > 0) {
                    throw invalid(value, "must be ≤ " + Durations.format((Duration) max) + ", got " + Durations.format(v));
                }
            }
            case NUMBER -> {
                double v = ((Number) value).doubleValue();
                if (!(v >= (Double) min && v <= (Double) max)) {
                    throw invalid(value, "must be between " + whole((Double) min) + " and " + whole((Double) max)
                            + ", got " + String.format(Locale.ROOT, "%s", v));
                }
            }
            case INT_SIZE, LONG_SIZE -> {
                long v = ((Number) value).longValue();
                long lo = (Long) min;
                long hi = (Long) max;
                if (hi >= Integer.MAX_VALUE && kind == Kind.INT_SIZE) {
                    if (v < lo) {
                        throw invalid(value, "must be ≥ " + lo + " bytes, got " + v);
                    }
                } else if (v < lo || v > hi) {
                    throw invalid(value, "must be between " + lo + " bytes and " + human(hi) + ", got " + v + " bytes");
                }
            }
            case BOOLEAN -> {
                // any
            }
        }
    }

    private InvalidSettingException invalid(Object value, String rule) {
        return new InvalidSettingException(this, value, words + " " + rule + (off == null ? "" : "; or off to disable it"));
    }

    private static String whole(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String human(long bytes) {
        return ByteSizes.format(bytes).replaceAll("(\\d)([KMG]iB)$", "$1 $2");
    }

    private Double parseNumber(String text) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.trim());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number; write e.g. 2 or 0.5");
        }
    }

    private static Boolean parseBoolean(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    public static Optional<Setting> byFlag(String flag) {
        return Arrays.stream(values()).filter(s -> s.flag.equals(flag)).findFirst();
    }

    /** Every profile key, in table order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Setting::key).toList();
    }

    /** The settings of the live tuning panel, in table order. */
    public static List<Setting> tunables() {
        return Arrays.stream(values()).filter(Setting::tunable).toList();
    }
}

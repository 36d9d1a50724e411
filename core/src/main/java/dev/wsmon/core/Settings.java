package dev.wsmon.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How one connection is kept alive, timed out and reconnected. Immutable and validated on
 * construction, so a {@code Settings} that exists is always usable; the messages name the field, the
 * bad value and the allowed range, for a person to act on.
 *
 * <p>Keepalive and timeouts apply live to an open connection; {@code maxMessageSize} applies from
 * the next attempt (the library fixes it per connection).
 *
 * @param pingInterval time between keepalive pings while OPEN
 * @param pingTimeout a ping without pong for this long fails the connection (1006, keepalive-timeout)
 * @param openTimeout TCP connect + TLS + HTTP upgrade must finish within this
 * @param closeTimeout a close handshake not finished within this aborts the TCP connection
 * @param reconnectInitial first reconnect delay, before jitter
 * @param reconnectMax cap of the reconnect delay
 * @param reconnectMultiplier growth of the delay per consecutive failure
 * @param reconnectJitter fraction of each delay that is randomised: 0 none, 1 anywhere in [0, delay]
 * @param stablePeriod an OPEN lasting this long resets the backoff
 * @param autoReconnect whether a CLOSED connection is retried at all
 * @param maxMessageSize a received message larger than this closes with 1009; a larger send is refused
 * @param sendQueueCap bytes accepted for sending but not yet handed to the kernel, at most
 */
public record Settings(
        Duration pingInterval,
        Duration pingTimeout,
        Duration openTimeout,
        Duration closeTimeout,
        Duration reconnectInitial,
        Duration reconnectMax,
        double reconnectMultiplier,
        double reconnectJitter,
        Duration stablePeriod,
        boolean autoReconnect,
        int maxMessageSize,
        long sendQueueCap) {

    public static final Duration MIN_TIMER = Duration.ofMillis(10);
    public static final Duration MAX_TIMER = Duration.ofHours(1);
    public static final int MIN_MESSAGE_SIZE = 125;
    public static final long MIN_QUEUE_CAP = 1024;
    public static final long MAX_QUEUE_CAP = 1L << 30;

    /** The defaults of the headless contract. */
    public static final Settings DEFAULTS = new Settings(
            Duration.ofSeconds(20),
            Duration.ofSeconds(20),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            2.0,
            0.5,
            Duration.ofSeconds(30),
            true,
            16 * 1024 * 1024,
            32L * 1024 * 1024);

    public Settings {
        requireRange("ping interval", pingInterval, MIN_TIMER, MAX_TIMER);
        requireRange("ping timeout", pingTimeout, MIN_TIMER, MAX_TIMER);
        requireRange("open timeout", openTimeout, MIN_TIMER, MAX_TIMER);
        requireRange("close timeout", closeTimeout, MIN_TIMER, MAX_TIMER);
        requireRange("reconnect initial delay", reconnectInitial, Duration.ofMillis(1), MAX_TIMER);
        requireRange("reconnect max delay", reconnectMax, Duration.ofMillis(1), MAX_TIMER);
        if (reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnect max delay must be ≥ reconnect initial delay ("
                    + Durations.format(reconnectInitial) + "), got " + Durations.format(reconnectMax));
        }
        if (!(reconnectMultiplier >= 1.0 && reconnectMultiplier <= 10.0)) {
            throw new IllegalArgumentException("reconnect multiplier must be between 1 and 10, got " + number(reconnectMultiplier));
        }
        if (!(reconnectJitter >= 0.0 && reconnectJitter <= 1.0)) {
            throw new IllegalArgumentException("reconnect jitter must be between 0 and 1, got " + number(reconnectJitter));
        }
        requireRange("stable period", stablePeriod, Duration.ZERO, MAX_TIMER);
        if (maxMessageSize < MIN_MESSAGE_SIZE) {
            throw new IllegalArgumentException("max message size must be ≥ " + MIN_MESSAGE_SIZE + " bytes, got " + maxMessageSize);
        }
        if (sendQueueCap < MIN_QUEUE_CAP || sendQueueCap > MAX_QUEUE_CAP) {
            throw new IllegalArgumentException("send queue cap must be between " + MIN_QUEUE_CAP + " bytes and 1 GiB, got " + sendQueueCap + " bytes");
        }
    }

    private static void requireRange(String field, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(field + " must be ≥ " + Durations.format(min) + ", got " + Durations.format(value));
        }
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be ≤ " + Durations.format(max) + ", got " + Durations.format(value));
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link Settings}; {@link #build()} validates. */
    public static final class Builder {
        private Duration pingInterval;
        private Duration pingTimeout;
        private Duration openTimeout;
        private Duration closeTimeout;
        private Duration reconnectInitial;
        private Duration reconnectMax;
        private double reconnectMultiplier;
        private double reconnectJitter;
        private Duration stablePeriod;
        private boolean autoReconnect;
        private int maxMessageSize;
        private long sendQueueCap;

        private Builder(Settings s) {
            pingInterval = s.pingInterval;
            pingTimeout = s.pingTimeout;
            openTimeout = s.openTimeout;
            closeTimeout = s.closeTimeout;
            reconnectInitial = s.reconnectInitial;
            reconnectMax = s.reconnectMax;
            reconnectMultiplier = s.reconnectMultiplier;
            reconnectJitter = s.reconnectJitter;
            stablePeriod = s.stablePeriod;
            autoReconnect = s.autoReconnect;
            maxMessageSize = s.maxMessageSize;
            sendQueueCap = s.sendQueueCap;
        }

        public Builder pingInterval(Duration v) { pingInterval = v; return this; }
        public Builder pingTimeout(Duration v) { pingTimeout = v; return this; }
        public Builder openTimeout(Duration v) { openTimeout = v; return this; }
        public Builder closeTimeout(Duration v) { closeTimeout = v; return this; }
        public Builder reconnectInitial(Duration v) { reconnectInitial = v; return this; }
        public Builder reconnectMax(Duration v) { reconnectMax = v; return this; }
        public Builder reconnectMultiplier(double v) { reconnectMultiplier = v; return this; }
        public Builder reconnectJitter(double v) { reconnectJitter = v; return this; }
        public Builder stablePeriod(Duration v) { stablePeriod = v; return this; }
        public Builder autoReconnect(boolean v) { autoReconnect = v; return this; }
        public Builder maxMessageSize(int v) { maxMessageSize = v; return this; }
        public Builder sendQueueCap(long v) { sendQueueCap = v; return this; }

        public Settings build() {
            return new Settings(pingInterval, pingTimeout, openTimeout, closeTimeout, reconnectInitial, reconnectMax,
                    reconnectMultiplier, reconnectJitter, stablePeriod, autoReconnect, maxMessageSize, sendQueueCap);
        }
    }
}

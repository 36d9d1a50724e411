package dev.wsmon.core;

import java.time.Duration;

/**
 * How one connection is kept alive, timed out and reconnected. Immutable and validated on
 * construction against the table of {@link Setting}s, so a {@code Settings} that exists is always usable; a bad
 * value is an {@link InvalidSettingException} naming the setting, the value and the allowed range.
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
 * @param alertAfter a health other than HEALTHY must hold this long before an alert fires, HEALTHY as long to resolve
 * @param heartbeatInterval time between application heartbeats of a feed session while OPEN
 * @param heartbeatTimeout a heartbeat not answered within this is missed; zero means the heartbeat interval
 * @param staleAfter no data message for this long while OPEN makes health DEGRADED (stale); zero is off
 * @param degradedRtt keepalive RTT p95 over the last minute above this makes health DEGRADED; zero is off
 * @param degradedLoss lost keepalive pings over the last minute above this percentage make health DEGRADED; 100 is off
 * @param reconnectWhenStale reconnect at once when the feed goes stale
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
        long sendQueueCap,
        Duration alertAfter,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration staleAfter,
        Duration degradedRtt,
        double degradedLoss,
        boolean reconnectWhenStale) {

    public static final Duration MIN_TIMER = Setting.Limits.MIN_TIMER;
    public static final Duration MAX_TIMER = Setting.Limits.MAX_TIMER;
    public static final int MIN_MESSAGE_SIZE = (int) Setting.Limits.MIN_MESSAGE_SIZE;
    public static final long MIN_QUEUE_CAP = Setting.Limits.MIN_QUEUE_CAP;
    public static final long MAX_QUEUE_CAP = Setting.Limits.MAX_QUEUE_CAP;

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
            32L * 1024 * 1024,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            100.0,
            false);

    public Settings {
        Setting.PING_INTERVAL.requireInRange(pingInterval);
        Setting.PING_TIMEOUT.requireInRange(pingTimeout);
        Setting.OPEN_TIMEOUT.requireInRange(openTimeout);
        Setting.CLOSE_TIMEOUT.requireInRange(closeTimeout);
        Setting.RECONNECT_INITIAL.requireInRange(reconnectInitial);
        Setting.RECONNECT_MAX.requireInRange(reconnectMax);
        if (reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new InvalidSettingException(Setting.RECONNECT_MAX, reconnectMax, "reconnect max delay must be ≥ reconnect"
                    + " initial delay (" + Durations.format(reconnectInitial) + "), got " + Durations.format(reconnectMax));
        }
        Setting.RECONNECT_MULTIPLIER.requireInRange(reconnectMultiplier);
        Setting.RECONNECT_JITTER.requireInRange(reconnectJitter);
        Setting.STABLE_PERIOD.requireInRange(stablePeriod);
        Setting.MAX_MESSAGE_SIZE.requireInRange(maxMessageSize);
        Setting.SEND_QUEUE_CAP.requireInRange(sendQueueCap);
        Setting.ALERT_AFTER.requireInRange(alertAfter);
        Setting.HEARTBEAT_INTERVAL.requireInRange(heartbeatInterval);
        Setting.HEARTBEAT_TIMEOUT.requireInRange(heartbeatTimeout);
        Setting.STALE_AFTER.requireInRange(staleAfter);
        Setting.DEGRADED_RTT.requireInRange(degradedRtt);
        Setting.DEGRADED_LOSS.requireInRange(degradedLoss);
        if (!heartbeatTimeout.isZero() && heartbeatTimeout.compareTo(MIN_TIMER) < 0) {
            throw new InvalidSettingException(Setting.HEARTBEAT_TIMEOUT, heartbeatTimeout, "heartbeat timeout must be 0"
                    + " (the heartbeat interval) or ≥ " + Durations.format(MIN_TIMER) + ", got "
                    + Durations.format(heartbeatTimeout));
        }
    }

    /** The heartbeat timeout in effect: the interval when none is set. */
    public Duration effectiveHeartbeatTimeout() {
        return heartbeatTimeout.isZero() ? heartbeatInterval : heartbeatTimeout;
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
        private Duration alertAfter;
        private Duration heartbeatInterval;
        private Duration heartbeatTimeout;
        private Duration staleAfter;
        private Duration degradedRtt;
        private double degradedLoss;
        private boolean reconnectWhenStale;

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
            alertAfter = s.alertAfter;
            heartbeatInterval = s.heartbeatInterval;
            heartbeatTimeout = s.heartbeatTimeout;
            staleAfter = s.staleAfter;
            degradedRtt = s.degradedRtt;
            degradedLoss = s.degradedLoss;
            reconnectWhenStale = s.reconnectWhenStale;
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
        public Builder alertAfter(Duration v) { alertAfter = v; return this; }
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        public Builder heartbeatTimeout(Duration v) { heartbeatTimeout = v; return this; }
        public Builder staleAfter(Duration v) { staleAfter = v; return this; }
        public Builder degradedRtt(Duration v) { degradedRtt = v; return this; }
        public Builder degradedLoss(double v) { degradedLoss = v; return this; }
        public Builder reconnectWhenStale(boolean v) { reconnectWhenStale = v; return this; }

        public Settings build() {
            return new Settings(pingInterval, pingTimeout, openTimeout, closeTimeout, reconnectInitial, reconnectMax,
                    reconnectMultiplier, reconnectJitter, stablePeriod, autoReconnect, maxMessageSize, sendQueueCap,
                    alertAfter, heartbeatInterval, heartbeatTimeout, staleAfter, degradedRtt, degradedLoss,
                    reconnectWhenStale);
        }
    }
}

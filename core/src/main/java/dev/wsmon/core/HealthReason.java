package dev.wsmon.core;

/** Why a connection is not {@link Health#HEALTHY}; {@link #token()} is the contract's name for it. */
public enum HealthReason {
    RTT_HIGH("rtt-high"),
    LOSS("loss"),
    STALE("stale"),
    HEARTBEAT_MISSED("heartbeat-missed"),
    FLAPPING("flapping"),
    CLOSED("closed");

    private final String token;

    HealthReason(String token) {
        this.token = token;
    }

    /** The name used in headless output, metrics and profiles. */
    public String token() {
        return token;
    }
}

package dev.wsmon.core;

/**
 * How useful a connection is, beside its {@link State}: an OPEN connection may be DEGRADED (the feed went stale, the
 * RTT is high), so the state never lies and the health explains.
 */
public enum Health {
    HEALTHY,
    DEGRADED,
    /** Not OPEN. */
    DOWN
}

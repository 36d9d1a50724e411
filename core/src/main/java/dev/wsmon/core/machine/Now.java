package dev.wsmon.core.machine;

/**
 * The moment an input is handled: monotonic nanoseconds for every deadline and duration, and wall-clock
 * milliseconds only to stamp events.
 */
public record Now(long nanos, long epochMillis) {

    public Now plusMillis(long ms) {
        return new Now(nanos + ms * 1_000_000L, epochMillis + ms);
    }
}

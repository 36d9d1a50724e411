package dev.wsmon.core;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One connection as it is now, for tables, metrics and tests.
 *
 * @param timeInState how long the connection has been in {@code state}
 * @param attempt the current or last attempt, 0 before the first
 * @param nextReconnectIn time until the next attempt starts, when one is scheduled
 * @param unconfirmedSends accepted sends not yet confirmed by a pong
 * @param pendingBytes accepted bytes not yet handed to the kernel
 */
public record ConnectionSnapshot(
        String name,
        URI uri,
        State state,
        Duration timeInState,
        int attempt,
        String subprotocol,
        Optional<CloseReport> lastClose,
        Optional<Duration> nextReconnectIn,
        Settings settings,
        boolean wanted,
        int unconfirmedSends,
        long pendingBytes) {

    /** Shows the URL redacted (see {@link Redaction}), so a snapshot in a log line leaks no credential. */
    @Override
    public String toString() {
        return "ConnectionSnapshot[" + name + ", " + Redaction.url(uri) + ", " + state + " for " + timeInState
                + ", attempt " + attempt + ", subprotocol '" + subprotocol + "', lastClose=" + lastClose
                + ", nextReconnectIn=" + nextReconnectIn + ", wanted=" + wanted + ", unconfirmedSends=" + unconfirmedSends
                + ", pendingBytes=" + pendingBytes + "]";
    }
}

package dev.wsmon.core.event;

import java.time.Duration;

/**
 * Attempt {@code attempt} will start after {@code delay}.
 *
 * @param basis why this delay: {@code backoff}, {@code service-restart} (1012), {@code try-again-later}
 *     (1013) or {@code retry-after} (the server's header)
 */
public record ReconnectScheduled(String connection, long ts, int attempt, Duration delay, String basis)
        implements ConnectionEvent {
}

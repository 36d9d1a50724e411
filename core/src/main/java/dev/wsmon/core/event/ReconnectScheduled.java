package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.time.Duration;
import java.util.Objects;

/**
 * Attempt {@code attempt} will start after {@code delay}.
 *
 * @param basis why this delay: {@code backoff}, {@code service-restart} (1012), {@code try-again-later}
 *     (1013) or {@code retry-after} (the server's header)
 */
public record ReconnectScheduled(ConnectionId connectionId, long ts, int attempt, Duration delay, String basis)
        implements ConnectionEvent {

    public ReconnectScheduled {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.reconnectScheduled(this);
    }
}

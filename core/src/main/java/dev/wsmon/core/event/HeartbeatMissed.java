package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.time.Duration;
import java.util.Objects;

/** No reply to the application heartbeat arrived within {@code timeout}. */
public record HeartbeatMissed(ConnectionId connectionId, long ts, Duration timeout) implements ConnectionEvent {

    public HeartbeatMissed {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.heartbeatMissed(this);
    }
}

package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.time.Duration;
import java.util.Objects;

/** Ping {@code pingSeq} got no pong before the connection ended or the ping timeout ran out. */
public record PingUnanswered(ConnectionId connectionId, long ts, long pingSeq, Duration waited) implements ConnectionEvent {

    public PingUnanswered {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.pingUnanswered(this);
    }
}

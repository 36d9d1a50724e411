package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.time.Duration;
import java.util.Objects;

/** A pong answered ping {@code pingSeq}; {@code rtt} runs from the ping's write to the pong's arrival. */
public record LatencySample(ConnectionId connectionId, long ts, long pingSeq, Duration rtt) implements ConnectionEvent {

    public LatencySample {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.latencySample(this);
    }
}

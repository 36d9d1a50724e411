package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.time.Duration;
import java.util.Objects;

/** The application heartbeat was answered; {@code rtt} runs from the heartbeat's write to the reply's arrival. */
public record AppLatency(ConnectionId connectionId, long ts, Duration rtt) implements ConnectionEvent {

    public AppLatency {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(rtt, "rtt");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.appLatency(this);
    }
}

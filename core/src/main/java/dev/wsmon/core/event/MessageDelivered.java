package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.time.Duration;
import java.util.Objects;

/**
 * The peer's WebSocket endpoint has read send {@code id}: a pong arrived for a ping queued after it
 * (TCP keeps order; the peer answers pings in order).
 *
 * @param confirm time from acceptance to confirmation
 */
public record MessageDelivered(ConnectionId connectionId, long ts, long id, Duration confirm) implements ConnectionEvent {

    public MessageDelivered {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.messageDelivered(this);
    }
}

package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.util.Objects;
/** Send {@code id} was accepted for sending: it is queued to be written, {@code size} bytes of payload. */
public record MessageSent(ConnectionId connectionId, long ts, long id, int size) implements ConnectionEvent {

    public MessageSent {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.messageSent(this);
    }
}

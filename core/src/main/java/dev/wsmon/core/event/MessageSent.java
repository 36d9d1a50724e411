package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.util.Objects;
/**
 * Send {@code id} was accepted for sending: it is queued to be written, {@code size} bytes of payload.
 *
 * @param text the message sent, whole (bounded by the max message size, as a larger send is refused), so that the
 *        desktop's inspector can show it; empty when not at hand
 */
public record MessageSent(ConnectionId connectionId, long ts, long id, int size, String text) implements ConnectionEvent {

    public MessageSent {
        Objects.requireNonNull(connectionId, "connectionId");
        text = text == null ? "" : text;
    }

    /** A send whose text is not at hand. */
    public MessageSent(ConnectionId connectionId, long ts, long id, int size) {
        this(connectionId, ts, id, size, "");
    }

    @Override
    public int payloadBytes() {
        return text.isEmpty() ? 0 : size;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.messageSent(this);
    }
}

package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.util.Objects;
/**
 * A message arrived.
 *
 * @param text the text, for a text message; empty for a binary one
 */
public record MessageReceived(ConnectionId connectionId, long ts, int size, boolean binary, String text)
        implements ConnectionEvent {

    public MessageReceived {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.messageReceived(this);
    }
}

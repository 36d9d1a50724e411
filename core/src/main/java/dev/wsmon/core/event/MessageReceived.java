package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.nio.ByteBuffer;
import java.util.Objects;
/**
 * A message arrived.
 *
 * @param text the text, for a text message; empty for a binary one
 * @param data a binary message's bytes, read-only; empty for a text one (use {@code duplicate()} to read)
 */
public record MessageReceived(ConnectionId connectionId, long ts, int size, boolean binary, String text,
                              ByteBuffer data) implements ConnectionEvent {

    /** No bytes: a text message's, or a binary one received without them. */
    public static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();

    public MessageReceived {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(data, "data");
    }

    /** A message without its bytes. */
    public MessageReceived(ConnectionId connectionId, long ts, int size, boolean binary, String text) {
        this(connectionId, ts, size, binary, text, NO_DATA);
    }

    @Override
    public int payloadBytes() {
        return binary ? data.remaining() : text.isEmpty() ? 0 : size;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.messageReceived(this);
    }
}

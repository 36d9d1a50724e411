package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.nio.ByteBuffer;
import java.util.Objects;
/**
 * A message arrived. Its whole payload comes with it, bounded by the max message size (a larger one closes with
 * 1009 instead), so that the desktop's inspector can show it.
 *
 * @param text the text, for a text message; empty for a binary one
 * @param data the payload, for a binary message (read-only); empty for a text one
 */
public record MessageReceived(ConnectionId connectionId, long ts, int size, boolean binary, String text, ByteBuffer data)
        implements ConnectionEvent {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    public MessageReceived {
        Objects.requireNonNull(connectionId, "connectionId");
        text = text == null ? "" : text;
        data = data == null ? EMPTY : data.asReadOnlyBuffer();
    }

    /** A message whose payload is not at hand (a text message, or a binary one counted only). */
    public MessageReceived(ConnectionId connectionId, long ts, int size, boolean binary, String text) {
        this(connectionId, ts, size, binary, text, null);
    }

    /** The binary payload from its first byte; a fresh view each call, so readers cannot move each other's position. */
    @Override
    public ByteBuffer data() {
        return data.duplicate();
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

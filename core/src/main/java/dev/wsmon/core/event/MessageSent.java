package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.util.Objects;

/**
 * Send {@code id} was accepted for sending: it is queued to be written, {@code size} bytes of payload.
 *
 * @param by who sent it on the user's behalf: empty for a send of the user (or stdin), else the automatic sender,
 *     e.g. {@code responder 1} or {@code heartbeat}; see {@link #automatic()}
 */
public record MessageSent(ConnectionId connectionId, long ts, long id, int size, String by) implements ConnectionEvent {

    public MessageSent {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(by, "by");
    }

    /** A send of the user. */
    public MessageSent(ConnectionId connectionId, long ts, long id, int size) {
        this(connectionId, ts, id, size, "");
    }

    /** Whether a session feature (responder, heartbeat) sent it rather than the user. */
    public boolean automatic() {
        return !by.isEmpty();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.messageSent(this);
    }
}

package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.SendFailure;
import java.util.Objects;

/** Send {@code id} has no delivery: refused at once, or accepted and never confirmed. */
public record SendFailed(ConnectionId connectionId, long ts, long id, SendFailure reason, String detail)
        implements ConnectionEvent {

    public SendFailed {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.sendFailed(this);
    }
}

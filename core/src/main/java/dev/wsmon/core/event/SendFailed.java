package dev.wsmon.core.event;

import dev.wsmon.core.SendFailure;

/** Send {@code id} has no delivery: refused at once, or accepted and never confirmed. */
public record SendFailed(String connection, long ts, long id, SendFailure reason, String detail)
        implements ConnectionEvent {
}

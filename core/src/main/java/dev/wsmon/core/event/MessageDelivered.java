package dev.wsmon.core.event;

import java.time.Duration;

/**
 * The peer's WebSocket endpoint has read send {@code id}: a pong arrived for a ping queued after it
 * (TCP keeps order; the peer answers pings in order).
 *
 * @param confirm time from acceptance to confirmation
 */
public record MessageDelivered(String connection, long ts, long id, Duration confirm) implements ConnectionEvent {
}

package dev.wsmon.core.event;

import java.time.Duration;

/** Ping {@code pingSeq} got no pong before the connection ended or the ping timeout ran out. */
public record PingUnanswered(String connection, long ts, long pingSeq, Duration waited) implements ConnectionEvent {
}

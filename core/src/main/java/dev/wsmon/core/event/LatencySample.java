package dev.wsmon.core.event;

import java.time.Duration;

/** A pong answered ping {@code pingSeq}; {@code rtt} runs from the ping's write to the pong's arrival. */
public record LatencySample(String connection, long ts, long pingSeq, Duration rtt) implements ConnectionEvent {
}

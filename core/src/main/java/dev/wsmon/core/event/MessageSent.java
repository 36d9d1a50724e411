package dev.wsmon.core.event;

/** Send {@code id} was accepted for sending: it is queued to be written, {@code size} bytes of payload. */
public record MessageSent(String connection, long ts, long id, int size) implements ConnectionEvent {
}

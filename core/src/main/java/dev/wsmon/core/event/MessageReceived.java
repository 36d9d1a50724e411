package dev.wsmon.core.event;

/**
 * A message arrived.
 *
 * @param text the text, for a text message; empty for a binary one
 */
public record MessageReceived(String connection, long ts, int size, boolean binary, String text)
        implements ConnectionEvent {
}

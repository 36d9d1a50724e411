package dev.wsmon.core.event;

import dev.wsmon.core.Settings;

/** New settings took effect without a reconnect (message size limits from the next attempt). */
public record SettingsApplied(String connection, long ts, Settings settings, Settings previous)
        implements ConnectionEvent {
}

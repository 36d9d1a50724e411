package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Settings;
import java.util.Objects;

/** New settings took effect without a reconnect (message size limits from the next attempt). */
public record SettingsApplied(ConnectionId connectionId, long ts, Settings settings, Settings previous)
        implements ConnectionEvent {

    public SettingsApplied {
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.settingsApplied(this);
    }
}

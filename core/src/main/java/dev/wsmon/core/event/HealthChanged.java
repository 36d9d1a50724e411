package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The connection's health or its reasons changed; {@code reasons} is empty exactly when HEALTHY. */
public record HealthChanged(ConnectionId connectionId, long ts, Health health, Set<HealthReason> reasons)
        implements ConnectionEvent {

    public HealthChanged {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(health, "health");
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.healthChanged(this);
    }
}

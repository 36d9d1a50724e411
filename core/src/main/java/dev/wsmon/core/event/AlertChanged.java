package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An alert fired ({@code firing}) or resolved: a health other than HEALTHY held for the alert delay, or HEALTHY held as
 * long again. {@code sinceMs} is the wall-clock time (epoch ms) the health it reports began.
 */
public record AlertChanged(ConnectionId connectionId, long ts, boolean firing, Health health, Set<HealthReason> reasons,
        long sinceMs) implements ConnectionEvent {

    public AlertChanged {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(health, "health");
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.alertChanged(this);
    }
}

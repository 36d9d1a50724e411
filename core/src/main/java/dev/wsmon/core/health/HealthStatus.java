package dev.wsmon.core.health;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A health and its reasons: empty exactly when HEALTHY, {@code closed} exactly when DOWN. */
public record HealthStatus(Health health, Set<HealthReason> reasons) {

    public HealthStatus {
        Objects.requireNonNull(health, "health");
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        if ((health == Health.HEALTHY) != reasons.isEmpty()) {
            throw new IllegalArgumentException("HEALTHY has no reasons and only HEALTHY, got " + health + " " + reasons);
        }
        if ((health == Health.DOWN) != reasons.contains(HealthReason.CLOSED)) {
            throw new IllegalArgumentException("DOWN goes with the reason closed and only DOWN, got " + health + " " + reasons);
        }
    }

    /** The status that {@code reasons} amount to. */
    public static HealthStatus of(Set<HealthReason> reasons) {
        Health h = reasons.contains(HealthReason.CLOSED) ? Health.DOWN
                : reasons.isEmpty() ? Health.HEALTHY : Health.DEGRADED;
        return new HealthStatus(h, reasons);
    }
}

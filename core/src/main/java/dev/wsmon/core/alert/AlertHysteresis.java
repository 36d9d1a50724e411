package dev.wsmon.core.alert;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether a connection's alert fires, from its health over time, on monotonic nanoseconds the caller passes in (no
 * clock, no timers: a plain unit test drives it). An alert fires when a health other than HEALTHY has held for the
 * hold time without a break, and resolves when HEALTHY has held as long; a short spell of either never flips it. A
 * connection that flaps fires at most once per {@link #REFIRE_GAP}: whoever is woken at night is woken once.
 */
public final class AlertHysteresis {

    /** Fires are at least this far apart: a flapping connection must not page twice a minute. */
    public static final Duration REFIRE_GAP = Duration.ofMinutes(1);

    /** An alert fired or resolved; {@code sinceMs} is when the health it reports began (epoch ms). */
    public record Change(boolean firing, Health health, Set<HealthReason> reasons, long sinceMs) {
        public Change {
            Objects.requireNonNull(health, "health");
            reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        }
    }

    private Duration hold;
    private Health health = Health.HEALTHY;
    private Set<HealthReason> reasons = Set.of();
    /** When the current side (HEALTHY, or not) began: monotonic, and wall clock for the report. */
    private long sideSince;
    private long sideSinceMs;
    private boolean firing;
    private boolean firedBefore;
    private long lastFired;

    /** Starts HEALTHY at {@code nanos} ({@code epochMs} on the wall clock). */
    public AlertHysteresis(Duration hold, long nanos, long epochMs) {
        this.hold = requirePositive(hold);
        this.sideSince = nanos;
        this.sideSinceMs = epochMs;
    }

    /** The health changed (or its reasons) at {@code nanos}; returns the change it causes at once, if any. */
    public Optional<Change> health(Health value, Set<HealthReason> why, long nanos, long epochMs) {
        Objects.requireNonNull(value, "value");
        if (bad(value) != bad(health)) {
            sideSince = nanos;
            sideSinceMs = epochMs;
        }
        health = value;
        reasons = why.isEmpty() ? Set.of() : EnumSet.copyOf(why);
        return advance(nanos);
    }

    /** A new hold time, live; a side that has already lasted the new hold flips at the next {@link #advance}. */
    public void setHold(Duration value) {
        hold = requirePositive(value);
    }

    public Duration hold() {
        return hold;
    }

    public boolean firing() {
        return firing;
    }

    /** Fires or resolves if the hold (and the re-fire gap) have passed by {@code nanos}. */
    public Optional<Change> advance(long nanos) {
        OptionalLong due = deadline();
        if (due.isEmpty() || nanos - due.getAsLong() < 0) {
            return Optional.empty();
        }
        if (!firing) {
            firing = true;
            firedBefore = true;
            lastFired = nanos;
            return Optional.of(new Change(true, health, reasons, sideSinceMs));
        }
        firing = false;
        return Optional.of(new Change(false, Health.HEALTHY, Set.of(), sideSinceMs));
    }

    /** When {@link #advance} would next change something if the health stays as it is; empty when nothing is pending. */
    public OptionalLong deadline() {
        if (firing == bad(health)) {
            return OptionalLong.empty(); // firing while bad, or quiet while healthy: nothing to wait for
        }
        long due = sideSince + hold.toNanos();
        if (!firing && firedBefore) {
            long gapEnds = lastFired + REFIRE_GAP.toNanos();
            if (gapEnds - due > 0) {
                due = gapEnds;
            }
        }
        return OptionalLong.of(due);
    }

    private static boolean bad(Health h) {
        return h != Health.HEALTHY;
    }

    private static Duration requirePositive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("alert delay must be more than 0, got " + d);
        }
        return d;
    }
}

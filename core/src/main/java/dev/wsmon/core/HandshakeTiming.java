package dev.wsmon.core;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long each phase of one successful connection attempt took; a phase that did not happen (no DNS
 * lookup for an IP literal, no proxy, no TLS for ws://) has no entry.
 *
 * @param phases the phases that happened and their durations
 */
public record HandshakeTiming(Map<HandshakePhase, Duration> phases) {

    public static final HandshakeTiming NONE = new HandshakeTiming(Map.of());

    public HandshakeTiming {
        Objects.requireNonNull(phases, "phases");
        EnumMap<HandshakePhase, Duration> copy = new EnumMap<>(HandshakePhase.class);
        phases.forEach((phase, d) -> {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(d, "duration of " + phase.token());
            if (d.isNegative()) {
                throw new IllegalArgumentException("duration of " + phase.token() + " must be ≥ 0, got " + d);
            }
            copy.put(phase, d);
        });
        phases = Collections.unmodifiableMap(copy);
    }

    /** The phase's duration, empty if it did not happen. */
    public Optional<Duration> of(HandshakePhase phase) {
        return Optional.ofNullable(phases.get(phase));
    }
}

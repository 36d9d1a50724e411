package dev.wsmon.core;

import java.util.Objects;

/**
 * Which connection an event belongs to: its name, and the instance of that name. A name can be removed and
 * added again (re-opening a profile does); the late events of the removed connection keep the old instance,
 * so no consumer can mistake them for the new connection's.
 *
 * @param name the connection's name, unique within its monitor at any one time
 * @param instance unique within the monitor: each {@code Monitor.add} takes the next number, starting at 1
 */
public record ConnectionId(String name, long instance) {

    public ConnectionId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("connection name must not be blank");
        }
        if (instance < 1) {
            throw new IllegalArgumentException("connection instance must be ≥ 1, got " + instance);
        }
    }

    @Override
    public String toString() {
        return name + "#" + instance;
    }
}

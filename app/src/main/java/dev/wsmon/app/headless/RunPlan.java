package dev.wsmon.app.headless;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A checked headless run, ready to start: every connection has a valid endpoint and settings.
 *
 * @param connections in the order URLs, then profile connections; the first receives standard input
 * @param demo settings for a connection to the embedded demo server, started with the run; it comes first
 *     (and so receives standard input)
 * @param warnings lines for stderr before the run starts (insecure TLS, profile warnings, unset variables)
 */
public record RunPlan(
        List<PlannedConnection> connections,
        Optional<Settings> demo,
        Optional<Duration> duration,
        boolean noReconnect,
        OptionalInt metricsPort,
        List<String> warnings) {

    public RunPlan {
        connections = List.copyOf(connections);
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(metricsPort, "metricsPort");
        warnings = List.copyOf(warnings);
    }

    /** How many connections the run monitors, the demo included. */
    public int size() {
        return connections.size() + (demo.isPresent() ? 1 : 0);
    }

    /**
     * One connection to monitor.
     *
     * @param name the {@code conn} of its events: the URL as given, or the profile name
     */
    public record PlannedConnection(String name, Endpoint endpoint, Settings settings) {
        public PlannedConnection {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(settings, "settings");
        }
    }
}

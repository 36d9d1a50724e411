package dev.wsmon.app.headless;

import dev.wsmon.app.alerting.AlertHooks;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
import dev.wsmon.core.session.SessionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A checked launch, ready to start in either mode: every connection has a valid endpoint and settings. The
 * desktop opens the same connections, with the same names and settings, as {@code --headless} monitors.
 *
 * @param connections in the order URLs, then profile connections; the first receives standard input
 * @param demo settings for a connection to the embedded demo server, started with the run; it comes first
 *     (and so receives standard input)
 * @param warnings lines for stderr before the run starts (insecure TLS, profile warnings, unset variables)
 * @param options what the command line asked, for the desktop: its profile, its theme, the flags to lay over a
 *     profile it opens
 * @param alerts where alerts go besides stdout and the window: the profile's hooks with the flags over them
 */
public record RunPlan(
        List<PlannedConnection> connections,
        Optional<Settings> demo,
        Optional<Duration> duration,
        boolean noReconnect,
        OptionalInt metricsPort,
        List<String> warnings,
        HeadlessOptions options,
        AlertHooks alerts) {

    public RunPlan {
        connections = List.copyOf(connections);
        Objects.requireNonNull(demo, "demo");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(metricsPort, "metricsPort");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** A plan whose alerts go to the command line's hooks only. */
    public RunPlan(List<PlannedConnection> connections, Optional<Settings> demo, Optional<Duration> duration,
                   boolean noReconnect, OptionalInt metricsPort, List<String> warnings, HeadlessOptions options) {
        this(connections, demo, duration, noReconnect, metricsPort, warnings, options, options.alerts());
    }

    public RunPlan(List<PlannedConnection> connections, Optional<Settings> demo, Optional<Duration> duration,
                   boolean noReconnect, OptionalInt metricsPort, List<String> warnings) {
        this(connections, demo, duration, noReconnect, metricsPort, warnings, HeadlessOptions.NONE);
    }

    /** How many connections the run monitors, the demo included. */
    public int size() {
        return connections.size() + (demo.isPresent() ? 1 : 0);
    }

    /** The profile file given with {@code --profile}. */
    public Optional<Path> profile() {
        return options.profile();
    }

    /** The connections given as URLs on the command line (not from the profile). */
    public List<PlannedConnection> commandLineConnections() {
        return connections.stream().filter(c -> !c.fromProfile()).toList();
    }

    /**
     * One connection to monitor.
     *
     * @param name the {@code conn} of its events: {@link PlanBuilder#commandLineName} of the URL, or the profile name
     * @param fromProfile whether it is a connection of the profile (else a URL of the command line)
     * @param session its feed session (on-open messages, responders, heartbeat); {@link SessionConfig#NONE} for none
     */
    public record PlannedConnection(String name, Endpoint endpoint, Settings settings, boolean fromProfile,
                                    SessionConfig session) {
        public PlannedConnection {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(session, "session");
        }

        public PlannedConnection(String name, Endpoint endpoint, Settings settings, boolean fromProfile) {
            this(name, endpoint, settings, fromProfile, SessionConfig.NONE);
        }

        public PlannedConnection(String name, Endpoint endpoint, Settings settings) {
            this(name, endpoint, settings, false);
        }
    }
}

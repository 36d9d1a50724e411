package dev.wsmon.app.profile;

import dev.wsmon.app.alerting.AlertHooks;
import dev.wsmon.app.metrics.MetricsLabels;
import dev.wsmon.core.Settings;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.wsmon.core.session.SessionLayer;
import java.util.Set;

/**
 * A profile file: settings defaults and a list of connections. The desktop UI opens and saves the same
 * format as {@code --profile}; see {@link ProfileStore}.
 *
 * @param version the format version, {@link #CURRENT}
 * @param description free text for people, kept on save; empty when absent
 * @param defaults settings for every connection of the profile (and the command line's URLs)
 * @param connections the connections, names unique
 * @param proxy {@code defaults.proxy} as written: the proxy of every connection that names none
 * @param alerts {@code alerts.webhook} and {@code alerts.command}: where every connection's alerts go
 * @param session {@code defaults.session}: feed-session fields of every connection (and the command line's URLs)
 * @param metricsLabels {@code metricsLabels}: labels on every metric series a probe with this profile serves
 * @param tls {@code defaults.tls}: CA and client certificate files of every connection, field by field under its own
 * @param compression {@code defaults.compression}: whether connections that do not say offer permessage-deflate
 * @throws IllegalArgumentException when names repeat or a connection's settings are invalid
 */
public record Profile(int version, String description, SettingsOverrides defaults, List<ConnectionProfile> connections,
                      Optional<String> proxy, AlertHooks alerts, SessionLayer session,
                      MetricsLabels metricsLabels, ProfileTls tls, Optional<Boolean> compression) {

    /** The format version this build reads and writes. */
    public static final int CURRENT = 1;

    public Profile {
        if (version != CURRENT) {
            throw new IllegalArgumentException("profile version must be " + CURRENT + ", got " + version);
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(defaults, "defaults");
        connections = List.copyOf(connections);
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(alerts, "alerts");
        proxy.ifPresent(ConnectionProfile::checkProxy);
        Objects.requireNonNull(metricsLabels, "metricsLabels");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(compression, "compression");
        defaults.applyTo(Settings.DEFAULTS);
        Objects.requireNonNull(session, "session");
        Set<String> names = new HashSet<>();
        for (ConnectionProfile c : connections) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two connections are named '" + c.name() + "'");
            }
            try {
                c.settings(defaults);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("connection '" + c.name() + "': " + e.getMessage(), e);
            }
        }
    }

    /** A profile without alert hooks default feed-session fields, metrics labels, TLS files or compression choice. */
    public Profile(int version, String description, SettingsOverrides defaults, List<ConnectionProfile> connections,
                   Optional<String> proxy) {
        this(version, description, defaults, connections, proxy, AlertHooks.NONE, SessionLayer.NONE,
                MetricsLabels.NONE, ProfileTls.NONE, Optional.empty());
    }

    public Profile withSession(SessionLayer value) {
        return new Profile(version, description, defaults, connections, proxy, alerts, value, metricsLabels, tls, compression);
    }

    /** A profile without a default proxy. */
    public Profile(int version, String description, SettingsOverrides defaults, List<ConnectionProfile> connections) {
        this(version, description, defaults, connections, Optional.empty());
    }

    public Profile withProxy(Optional<String> value) {
        return new Profile(version, description, defaults, connections, value, alerts, session, metricsLabels, tls, compression);
    }

    public Profile withAlerts(AlertHooks value) {
        return new Profile(version, description, defaults, connections, proxy, value, session, metricsLabels, tls, compression);
    }

    public Profile withMetricsLabels(MetricsLabels value) {
        return new Profile(version, description, defaults, connections, proxy, alerts, session, value, tls, compression);
    }

    public Profile withTls(ProfileTls value) {
        return new Profile(version, description, defaults, connections, proxy, alerts, session, metricsLabels, value,
                compression);
    }

    public Profile withCompression(Optional<Boolean> value) {
        return new Profile(version, description, defaults, connections, proxy, alerts, session, metricsLabels, tls, value);
    }

    public static Profile of(List<ConnectionProfile> connections) {
        return new Profile(CURRENT, "", SettingsOverrides.NONE, connections);
    }

    public Profile withDescription(String value) {
        return new Profile(version, value, defaults, connections, proxy, alerts, session, metricsLabels, tls, compression);
    }

    public Profile withDefaults(SettingsOverrides value) {
        return new Profile(version, description, value, connections, proxy, alerts, session, metricsLabels, tls, compression);
    }

    public Profile withConnections(List<ConnectionProfile> value) {
        return new Profile(version, description, defaults, value, proxy, alerts, session, metricsLabels, tls, compression);
    }
}

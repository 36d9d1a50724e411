package dev.wsmon.app.headless;

import dev.wsmon.app.profile.SettingsOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the command line asked of a headless run, before profiles are read and URLs checked.
 *
 * @param settings the settings flags that were given (absent ones are not overrides)
 * @param metricsPort 0 picks a free port (printed on stderr)
 */
public record HeadlessOptions(
        List<String> urls,
        SettingsOverrides settings,
        boolean noReconnect,
        Optional<Duration> duration,
        List<Header> headers,
        List<String> subprotocols,
        Optional<Path> profile,
        OptionalInt metricsPort,
        boolean insecure,
        boolean demo) {

    public HeadlessOptions {
        urls = List.copyOf(urls);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(duration, "duration");
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(metricsPort, "metricsPort");
    }
}

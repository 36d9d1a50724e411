package dev.wsmon.app.headless;

import dev.wsmon.app.alerting.AlertHooks;
import dev.wsmon.app.profile.SettingsOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the command line asked, for either mode, before profiles are read and URLs checked.
 *
 * @param settings the settings flags that were given (absent ones are not overrides)
 * @param metricsPort 0 picks a free port (printed on stderr)
 * @param written each value flag as the user wrote it ({@code --ping-interval} → {@code 0s}), to echo in messages
 * @param headless {@code --headless}: without it, the plan is for the desktop, which may start empty
 * @param theme {@code --theme}, desktop only
 * @param proxy {@code --proxy} as written: a proxy URL, or {@code none}; empty: from the environment
 * @param handshake {@code --ca}, {@code --client-cert} and its key and password, {@code --origin}
 * @param alerts {@code --alert-webhook} and {@code --alert-command}
 * @param feed {@code --on-open}, {@code --respond}, {@code --heartbeat…}, {@code --print-messages}, {@code --print-max}
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
        boolean demo,
        Map<String, String> written,
        boolean headless,
        Optional<String> theme,
        Optional<String> proxy,
        HandshakeFlags handshake,
        AlertHooks alerts,
        FeedFlags feed) {

    public HeadlessOptions {
        urls = List.copyOf(urls);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(duration, "duration");
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(metricsPort, "metricsPort");
        written = Map.copyOf(written);
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(feed, "feed");
    }

    /** Options without alert hooks or feed-session flags. */
    public HeadlessOptions(List<String> urls, SettingsOverrides settings, boolean noReconnect, Optional<Duration> duration,
                           List<Header> headers, List<String> subprotocols, Optional<Path> profile,
                           OptionalInt metricsPort, boolean insecure, boolean demo, Map<String, String> written,
                           boolean headless, Optional<String> theme, Optional<String> proxy, HandshakeFlags handshake) {
        this(urls, settings, noReconnect, duration, headers, subprotocols, profile, metricsPort, insecure, demo, written,
                headless, theme, proxy, handshake, AlertHooks.NONE, FeedFlags.NONE);
    }

    /** Options without {@code --proxy}, TLS files or Origin. */
    public HeadlessOptions(List<String> urls, SettingsOverrides settings, boolean noReconnect, Optional<Duration> duration,
                           List<Header> headers, List<String> subprotocols, Optional<Path> profile,
                           OptionalInt metricsPort, boolean insecure, boolean demo, Map<String, String> written,
                           boolean headless, Optional<String> theme) {
        this(urls, settings, noReconnect, duration, headers, subprotocols, profile, metricsPort, insecure, demo, written,
                headless, theme, Optional.empty(), HandshakeFlags.NONE);
    }

    /** Options with {@code --proxy} as written, and no TLS files or Origin. */
    public HeadlessOptions(List<String> urls, SettingsOverrides settings, boolean noReconnect, Optional<Duration> duration,
                           List<Header> headers, List<String> subprotocols, Optional<Path> profile,
                           OptionalInt metricsPort, boolean insecure, boolean demo, Map<String, String> written,
                           boolean headless, Optional<String> theme, Optional<String> proxy) {
        this(urls, settings, noReconnect, duration, headers, subprotocols, profile, metricsPort, insecure, demo, written,
                headless, theme, proxy, HandshakeFlags.NONE);
    }

    /** Options with TLS files or Origin, and no {@code --proxy}. */
    public HeadlessOptions(List<String> urls, SettingsOverrides settings, boolean noReconnect, Optional<Duration> duration,
                           List<Header> headers, List<String> subprotocols, Optional<Path> profile,
                           OptionalInt metricsPort, boolean insecure, boolean demo, Map<String, String> written,
                           boolean headless, Optional<String> theme, HandshakeFlags handshake) {
        this(urls, settings, noReconnect, duration, headers, subprotocols, profile, metricsPort, insecure, demo, written,
                headless, theme, Optional.empty(), handshake);
    }

    /** A headless run's options, with no flag text to echo. */
    public HeadlessOptions(List<String> urls, SettingsOverrides settings, boolean noReconnect, Optional<Duration> duration,
                           List<Header> headers, List<String> subprotocols, Optional<Path> profile,
                           OptionalInt metricsPort, boolean insecure, boolean demo) {
        this(urls, settings, noReconnect, duration, headers, subprotocols, profile, metricsPort, insecure, demo, Map.of(),
                true, Optional.empty());
    }

    /** Options that change nothing: a profile opened later in the desktop maps with these. */
    public static final HeadlessOptions NONE = new HeadlessOptions(List.of(), SettingsOverrides.NONE, false,
            Optional.empty(), List.of(), List.of(), Optional.empty(), OptionalInt.empty(), false, false, Map.of(), false,
            Optional.empty());

    /** The value of {@code flag} as written on the command line, else {@code fallback}. */
    public String written(String flag, String fallback) {
        return written.getOrDefault(flag, fallback);
    }
}

package dev.wsmon.app.headless;

import dev.wsmon.app.headless.RunPlan.PlannedConnection;
import dev.wsmon.app.profile.ConnectionProfile;
import dev.wsmon.app.profile.LoadedProfile;
import dev.wsmon.app.profile.Profile;
import dev.wsmon.app.profile.ProfileException;
import dev.wsmon.app.profile.ProfileStore;
import dev.wsmon.app.profile.SettingField;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns the command line into a {@link RunPlan}: reads the profile, lays the flags over it, and checks
 * everything before anything starts, so that bad usage is one message and exit status 2.
 *
 * <p>Settings of a connection, each over the one before: {@link Settings#DEFAULTS}, the profile's
 * {@code defaults}, the connection's {@code settings} (profile connections), the flags. Headers: the
 * profile's, then {@code --header} (same name, any case: the flag wins). {@code --subprotocol} replaces a
 * profile connection's list. {@code --insecure} applies to every connection.
 */
public final class PlanBuilder {

    /** The demo pings every second so that a newcomer sees latency lines at once. */
    static final SettingsOverrides DEMO_DEFAULTS = SettingsOverrides.NONE.with(SettingField.PING_INTERVAL, Duration.ofSeconds(1));

    private final UnaryOperator<String> env;

    /** @param env the environment, to warn about header templates that refer to unset variables */
    public PlanBuilder(UnaryOperator<String> env) {
        this.env = env;
    }

    public RunPlan build(HeadlessOptions o) throws UsageException {
        List<String> warnings = new ArrayList<>();
        SettingsOverrides flags = o.noReconnect() ? o.settings().with(SettingField.AUTO_RECONNECT, false) : o.settings();
        Optional<SettingsOverrides.Blame> alone = flags.blame(Settings.DEFAULTS);
        if (alone.isPresent()) {
            throw flagError(alone.get(), "");
        }
        if (o.duration().isPresent() && o.duration().get().isZero()) {
            throw new UsageException("--duration " + SettingField.durationSyntax(o.duration().get()) + ": must be more than 0");
        }

        Profile profile = Profile.of(List.of());
        if (o.profile().isPresent()) {
            try {
                LoadedProfile loaded = ProfileStore.load(o.profile().get());
                warnings.addAll(loaded.warnings().stream().map(w -> "warning: " + w).toList());
                profile = loaded.profile();
            } catch (ProfileException e) {
                throw new UsageException("--profile: " + e.getMessage());
            }
        }
        if (o.insecure()) {
            warnings.add("warning: --insecure: TLS certificate chain and host name checks are OFF for every connection");
        }

        List<PlannedConnection> planned = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String url : o.urls()) {
            URI uri;
            try {
                uri = Endpoint.parseUri(url);
            } catch (IllegalArgumentException e) {
                throw new UsageException("URL argument: " + e.getMessage());
            }
            Settings settings = settings(profile.defaults().overriddenBy(flags), flags, "URL " + url);
            Endpoint endpoint = endpoint(uri, Map.of(), List.of(), o, false);
            planned.add(new PlannedConnection(unique(Redaction.url(uri), names), endpoint, settings));
        }
        for (ConnectionProfile c : profile.connections()) {
            SettingsOverrides overrides = profile.defaults().overriddenBy(c.settings()).overriddenBy(flags);
            Settings settings = settings(overrides, flags, "connection '" + c.name() + "' of " + o.profile().get());
            Endpoint endpoint = endpoint(c.endpoint().uri(), c.headers(), c.subprotocols(), o, c.insecure());
            if (c.insecure() && !o.insecure()) {
                warnings.add("warning: connection '" + c.name() + "': TLS certificate chain and host name checks are OFF"
                        + " (\"insecure\": true in " + o.profile().get() + ")");
            }
            planned.add(new PlannedConnection(unique(c.name(), names), endpoint, settings));
        }
        Optional<Settings> demo = Optional.empty();
        if (o.demo()) {
            demo = Optional.of(settings(DEMO_DEFAULTS.overriddenBy(profile.defaults()).overriddenBy(flags), flags, "--demo"));
        }
        if (planned.isEmpty() && demo.isEmpty()) {
            throw new UsageException("--headless needs a URL (ws://host/path or wss://…), a --profile with connections,"
                    + " or --demo");
        }
        for (PlannedConnection c : planned) {
            try {
                HeaderTemplates.expand(c.endpoint().headers(), env);
            } catch (IllegalArgumentException e) {
                warnings.add("warning: connection '" + c.name() + "': " + e.getMessage()
                        + "; its attempts will fail with connect-failed");
            }
        }
        return new RunPlan(planned, demo, o.duration(), o.noReconnect(), o.metricsPort(), warnings);
    }

    private static Settings settings(SettingsOverrides overrides, SettingsOverrides flags, String what)
            throws UsageException {
        try {
            return overrides.applyTo(Settings.DEFAULTS);
        } catch (IllegalArgumentException e) {
            Optional<SettingsOverrides.Blame> blame = overrides.blame(Settings.DEFAULTS);
            if (blame.isPresent() && flags.get(blame.get().field()).isPresent()) {
                throw flagError(blame.get(), " (for " + what + ")");
            }
            throw new UsageException(what + ": " + e.getMessage());
        }
    }

    private static UsageException flagError(SettingsOverrides.Blame blame, String context) {
        String flag = blame.field().flag();
        String shown = blame.field() == SettingField.AUTO_RECONNECT ? "" : " " + blame.field().display(blame.value());
        return new UsageException(flag + shown + context + ": " + blame.message());
    }

    private static Endpoint endpoint(URI uri, Map<String, String> profileHeaders, List<String> profileProtocols,
                                     HeadlessOptions o, boolean insecure) throws UsageException {
        Map<String, String> headers = new LinkedHashMap<>(profileHeaders);
        Map<String, String> fromFlags = new LinkedHashMap<>();
        for (Header h : o.headers()) {
            String key = fromFlags.keySet().stream().filter(k -> k.equalsIgnoreCase(h.name())).findFirst().orElse(h.name());
            // one value per name on the wire: repeats are joined as HTTP allows (RFC 9110 5.3)
            fromFlags.merge(key, h.value(), (a, b) -> a + ", " + b);
        }
        fromFlags.forEach((name, value) -> {
            headers.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
            headers.put(name, value);
        });
        List<String> protocols = o.subprotocols().isEmpty() ? profileProtocols : o.subprotocols();
        TlsOptions tls = o.insecure() || insecure ? TlsOptions.insecureTrustAll() : TlsOptions.VERIFY;
        try {
            return new Endpoint(uri, headers, protocols, tls);
        } catch (IllegalArgumentException e) {
            throw new UsageException((o.subprotocols().isEmpty() ? "" : "--subprotocol: ") + e.getMessage());
        }
    }

    /** Names are the events' {@code conn}: a repeated one gets {@code #2}, {@code #3}, … */
    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "#" + n;
        }
        return candidate;
    }
}

package dev.wsmon.app.headless;

import dev.wsmon.core.Durations;
import dev.wsmon.core.Setting;
import dev.wsmon.app.headless.RunPlan.PlannedConnection;
import dev.wsmon.app.profile.ConnectionProfile;
import dev.wsmon.app.profile.LoadedProfile;
import dev.wsmon.app.profile.Profile;
import dev.wsmon.app.profile.ProfileTls;
import dev.wsmon.app.profile.ProfileException;
import dev.wsmon.app.profile.ProfileStore;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.ProxyEnvironment;
import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.Settings;
import dev.wsmon.core.Secret;
import dev.wsmon.core.TlsFileException;
import dev.wsmon.core.TlsFiles;
import dev.wsmon.core.TlsOptions;
import dev.wsmon.core.session.SessionConfig;
import dev.wsmon.core.session.SessionLayer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    static final SettingsOverrides DEMO_DEFAULTS = SettingsOverrides.NONE.with(Setting.PING_INTERVAL, Duration.ofSeconds(1));

    private final UnaryOperator<String> env;
    private final Clock clock;

    /** @param env the environment, to warn about header templates that refer to unset variables */
    public PlanBuilder(UnaryOperator<String> env) {
        this(env, Clock.systemUTC());
    }

    /** @param clock a client certificate must be valid at its time */
    public PlanBuilder(UnaryOperator<String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public RunPlan build(HeadlessOptions o) throws UsageException {
        List<String> warnings = new ArrayList<>();
        SettingsOverrides flags = flags(o);
        Optional<SettingsOverrides.Blame> alone = flags.blame(Settings.DEFAULTS);
        if (alone.isPresent()) {
            throw flagError(alone.get(), "", o);
        }
        if (o.duration().isPresent() && o.duration().get().isZero()) {
            throw new UsageException("--duration " + o.written("--duration", Durations.toSyntax(o.duration().get()))
                    + ": must be more than 0");
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

        TlsOptions verifying = verifying(o.handshake(), env, clock.instant());
        // the command line's URLs take the profile's defaults too
        TlsOptions urlTls = profile.tls().isEmpty() ? verifying
                : profileTls(profile.tls(), o, o.profile().map(Object::toString).orElse("."), "defaults of "
                        + o.profile().map(Object::toString).orElse("the profile"), env, clock.instant());
        List<PlannedConnection> planned = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String url : o.urls()) {
            URI uri;
            try {
                uri = Endpoint.parseUri(url);
            } catch (IllegalArgumentException e) {
                throw new UsageException("URL argument: " + e.getMessage());
            }
            Settings settings = settings(profile.defaults().overriddenBy(flags), flags, "URL " + Redaction.url(uri), o);
            SessionConfig session = session(List.of(profile.session(), o.feed().layer()), "URL " + Redaction.url(uri));
            Endpoint endpoint = endpoint(session.preset().map(p -> p.url(uri)).orElse(uri), Map.of(), List.of(), o, false,
                    profile.proxy(), env, urlTls, profile.compression().orElse(true));
            planned.add(new PlannedConnection(unique(commandLineName(uri), names), endpoint, settings, false, session));
        }
        if (o.profile().isPresent()) {
            planned.addAll(profileConnections(profile, o, o.profile().get().toString(), names, warnings, verifying, env,
                    clock.instant()));
        }
        Optional<Settings> demo = Optional.empty();
        if (o.demo()) {
            demo = Optional.of(settings(DEMO_DEFAULTS.overriddenBy(profile.defaults()).overriddenBy(flags), flags, "--demo", o));
        }
        if (o.headless() && planned.isEmpty() && demo.isEmpty()) {
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
            warnings.addAll(unsetInSession(c, env));
        }
        return new RunPlan(planned, demo, o.duration(), o.noReconnect(), o.metricsPort(), warnings, o,
                profile.alerts().overriddenBy(o.alerts()), profile.metricsLabels().overriddenBy(o.metricsLabels()));
    }

    /**
     * The name of a connection given as a URL on the command line: the {@code conn} of its events and its row in the
     * desktop. The one place such a name is made, for both modes.
     */
    public static String commandLineName(URI url) {
        return Redaction.url(url); // the URL without its credentials: names reach stdout, labels and the window
    }

    /** {@link #commandLineName(URI)} of a URL as typed; throws IllegalArgumentException for one that is no ws/wss URL. */
    public static String commandLineName(String url) {
        return commandLineName(Endpoint.parseUri(url));
    }

    /**
     * A profile's connections with the command line laid over them: the one mapping of profile to connections,
     * for the headless run and for every profile the desktop opens.
     *
     * @param source the profile file, for messages
     * @param taken names already used; a repeated name gets {@code #2}, {@code #3}, …
     * @param warnings receives insecure-TLS warnings
     * @throws UsageException naming the connection, the flag or the setting at fault
     */
    public static List<PlannedConnection> profileConnections(Profile profile, HeadlessOptions o, String source,
                                                             Set<String> taken, List<String> warnings)
            throws UsageException {
        Instant now = Clock.systemUTC().instant();
        return profileConnections(profile, o, source, taken, warnings,
                verifying(o.handshake(), System::getenv, now), System::getenv, now);
    }

    /** As above, with the TLS checks of the command line and the environment the proxy variables are read from. */
    private static List<PlannedConnection> profileConnections(Profile profile, HeadlessOptions o, String source,
                                                              Set<String> taken, List<String> warnings,
                                                              TlsOptions verifying, UnaryOperator<String> env,
                                                              Instant now) throws UsageException {
        SettingsOverrides flags = flags(o);
        List<PlannedConnection> planned = new ArrayList<>();
        for (ConnectionProfile c : profile.connections()) {
            SettingsOverrides overrides = profile.defaults().overriddenBy(c.settings()).overriddenBy(flags);
            Settings settings = settings(overrides, flags, "connection '" + c.name() + "' of " + source, o);
            SessionConfig session = session(List.of(profile.session(), c.session(), o.feed().layer()),
                    "connection '" + c.name() + "' of " + source);
            URI uri = session.preset().map(p -> p.url(c.endpoint().uri())).orElse(c.endpoint().uri());
            ProfileTls tls = c.tls().over(profile.tls());
            Endpoint endpoint = endpoint(uri, withOrigin(c, source), c.subprotocols(), o, c.insecure(),
                    c.proxy().or(profile::proxy), env,
                    tls.isEmpty() ? verifying : profileTls(tls, o, source, "connection '" + c.name() + "' of " + source, env, now),
                    c.compression().or(profile::compression).orElse(true));
            if (c.insecure() && !o.insecure()) {
                warnings.add("warning: connection '" + c.name() + "': TLS certificate chain and host name checks are OFF"
                        + " (\"insecure\": true in " + source + ")");
            }
            planned.add(new PlannedConnection(unique(c.name(), taken), endpoint, settings, true, session));
        }
        return planned;
    }

    /**
     * The feed session of a connection: the profile's {@code defaults.session}, the connection's {@code session},
     * then the flags.
     */
    private static SessionConfig session(List<SessionLayer> layers, String what) throws UsageException {
        try {
            return SessionLayer.resolve(layers);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + ": " + e.getMessage());
        }
    }

    /** Warnings for on-open and heartbeat texts that refer to a variable the environment does not set. */
    private static List<String> unsetInSession(PlannedConnection c, UnaryOperator<String> env) {
        List<String> out = new ArrayList<>();
        List<String> texts = new ArrayList<>(c.session().onOpen());
        c.session().heartbeat().ifPresent(h -> texts.add(h.text()));
        for (int i = 0; i < texts.size(); i++) {
            String where = i < c.session().onOpen().size() ? "on-open message " + (i + 1) : "heartbeat";
            try {
                HeaderTemplates.expandMessage(where, texts.get(i), env);
            } catch (IllegalArgumentException e) {
                out.add("warning: connection '" + c.name() + "': " + e.getMessage() + "; it will not be sent");
            }
        }
        return out;
    }

    /** The settings flags, {@code --no-reconnect} included. */
    public static SettingsOverrides flags(HeadlessOptions o) {
        return o.noReconnect() ? o.settings().with(Setting.AUTO_RECONNECT, false) : o.settings();
    }

    private static Settings settings(SettingsOverrides overrides, SettingsOverrides flags, String what, HeadlessOptions o)
            throws UsageException {
        try {
            return overrides.applyTo(Settings.DEFAULTS);
        } catch (IllegalArgumentException e) {
            Optional<SettingsOverrides.Blame> blame = overrides.blame(Settings.DEFAULTS);
            if (blame.isPresent() && flags.get(blame.get().field()).isPresent()) {
                throw flagError(blame.get(), " (for " + what + ")", o);
            }
            for (Map.Entry<Setting, Object> flag : flags.values().entrySet()) {
                if (isValid(overrides.without(flag.getKey()))) { // the flag clashes with the profile's value
                    throw flagError(new SettingsOverrides.Blame(flag.getKey(), flag.getValue(), e.getMessage()),
                            " (for " + what + ")", o);
                }
            }
            throw new UsageException(what + ": " + e.getMessage());
        }
    }

    private static boolean isValid(SettingsOverrides overrides) {
        try {
            overrides.applyTo(Settings.DEFAULTS);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The flag, the value as the user wrote it, and the rule it breaks. */
    private static UsageException flagError(SettingsOverrides.Blame blame, String context, HeadlessOptions o) {
        String flag = blame.field().flag();
        String shown = blame.field() == Setting.AUTO_RECONNECT ? ""
                : " " + o.written(flag, blame.field().display(blame.value()));
        return new UsageException(flag + shown + context + ": " + blame.message());
    }

    /**
     * The checks of a verifying connection: the system's CAs plus {@code --ca}, and {@code --client-cert}; its files
     * read now, so that a bad one is one usage message naming it.
     */
    static TlsOptions verifying(HandshakeFlags h, UnaryOperator<String> env, Instant now) throws UsageException {
        TlsOptions tls = TlsOptions.VERIFY;
        try {
            if (h.ca().isPresent()) {
                tls = tls.withExtraCas(TlsFiles.caCertificates(h.ca().get()));
            }
            if (h.clientCert().isPresent()) {
                Optional<Secret> password = Optional.empty();
                if (h.clientCertPassword().isPresent()) {
                    try {
                        password = Optional.of(Secret.of(HeaderTemplates.expandValue("--client-cert-password",
                                h.clientCertPassword().get().reveal(), env)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                tls = tls.withClient(Optional.of(TlsFiles.clientIdentity(h.clientCert().get(), h.clientKey(), password, now)));
            } else if (h.clientKey().isPresent()) {
                throw new UsageException("--client-key " + h.clientKey().get() + ": give the certificate too, with"
                        + " --client-cert FILE");
            } else if (h.clientCertPassword().isPresent()) {
                throw new UsageException("--client-cert-password: give the PKCS#12 file too, with --client-cert FILE");
            }
        } catch (TlsFileException e) {
            throw new UsageException(e.getMessage());
        }
        return tls;
    }

    private static Endpoint endpoint(URI uri, Map<String, String> profileHeaders, List<String> profileProtocols,
                                     HeadlessOptions o, boolean insecure, Optional<String> profileProxy,
                                     UnaryOperator<String> env, TlsOptions verifying, boolean compression)
            throws UsageException {
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
        if (o.handshake().origin().isPresent()) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("Origin"));
            headers.put("Origin", origin(o.handshake().origin().get()));
        }
        List<String> protocols = o.subprotocols().isEmpty() ? profileProtocols : o.subprotocols();
        TlsOptions tls = o.insecure() || insecure ? TlsOptions.insecureTrustAll() : verifying;
        try {
            return new Endpoint(uri, headers, protocols, tls).withProxy(proxy(uri, o, profileProxy, env))
                    .withCompression(compression && !o.handshake().noCompression());
        } catch (IllegalArgumentException e) {
            throw new UsageException((o.subprotocols().isEmpty() ? "" : "--subprotocol: ") + e.getMessage());
        }
    }

    /**
     * {@code --proxy} for every connection, loopback included ({@code none}: no proxy at all); else the profile's
     * (the connection's {@code proxy}, then {@code defaults.proxy}); else the environment's proxy for the URL.
     */
    static Optional<ProxySpec> proxy(URI uri, HeadlessOptions o, Optional<String> profileProxy, UnaryOperator<String> env)
            throws UsageException {
        Optional<String> chosen = o.proxy().or(() -> profileProxy);
        if (chosen.isPresent()) {
            String text = chosen.get().trim();
            if (text.equalsIgnoreCase("none")) {
                return Optional.empty();
            }
            try {
                return Optional.of(ProxySpec.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UsageException((o.proxy().isPresent() ? "--proxy: " : "profile proxy: ") + e.getMessage());
            }
        }
        try {
            return ProxyEnvironment.forUri(uri, env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (or give --proxy URL, or --proxy none)");
        }
    }

    /** A profile connection's headers with its {@code origin} field as the Origin header. */
    private static Map<String, String> withOrigin(ConnectionProfile c, String source) throws UsageException {
        if (c.origin().isEmpty()) {
            return c.headers();
        }
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        headers.keySet().removeIf(k -> k.equalsIgnoreCase("Origin"));
        try {
            headers.put("Origin", origin(c.origin()));
        } catch (UsageException e) {
            throw new UsageException("connection '" + c.name() + "' of " + source + ": "
                    + e.getMessage().replace("--origin ", "origin "));
        }
        return headers;
    }

    /**
     * A profile's {@code tls} files (a connection's over the defaults'), each flag over its field; relative paths are
     * the profile folder's.
     *
     * @param what the connection or defaults, for messages
     */
    private static TlsOptions profileTls(ProfileTls t, HeadlessOptions o, String source, String what,
                                         UnaryOperator<String> env, Instant now) throws UsageException {
        java.nio.file.Path folder = java.nio.file.Path.of(source).toAbsolutePath().getParent();
        HandshakeFlags f = o.handshake();
        HandshakeFlags merged = new HandshakeFlags(
                f.ca().or(() -> t.ca().map(folder::resolve)),
                f.clientCert().or(() -> t.clientCert().map(folder::resolve)),
                f.clientCert().isPresent() ? f.clientKey() : t.clientKey().map(folder::resolve),
                f.clientCert().isPresent() ? f.clientCertPassword() : t.clientCertPassword().map(Secret::of),
                f.origin(), f.noCompression());
        try {
            return verifying(merged, env, now);
        } catch (UsageException e) {
            throw new UsageException(what + ": " + e.getMessage()
                    .replace("--client-cert-password", "tls.clientCertPassword").replace("--client-cert ", "tls.clientCert ")
                    .replace("--client-key ", "tls.clientKey ").replace("--ca ", "tls.ca "));
        }
    }

    /** RFC 6454 7: an Origin is scheme://host[:port]; anything else is refused with what to write. */
    static String origin(String value) throws UsageException {
        try {
            URI u = new URI(value.trim());
            if (u.getScheme() != null && u.getHost() != null && (u.getPath() == null || u.getPath().isEmpty()
                    || u.getPath().equals("/")) && u.getQuery() == null && u.getUserInfo() == null) {
                return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                        + (u.getPort() == -1 ? "" : ":" + u.getPort());
            }
        } catch (java.net.URISyntaxException e) {
            // the message below says what to write
        }
        throw new UsageException("--origin " + value + ": write scheme://host[:port], e.g. https://app.example.com");
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

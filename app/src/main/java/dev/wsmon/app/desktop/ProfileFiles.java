package dev.wsmon.app.desktop;

import dev.wsmon.core.Setting;
import dev.wsmon.app.headless.HeadlessOptions;
import dev.wsmon.app.headless.PlanBuilder;
import dev.wsmon.app.headless.RunPlan.PlannedConnection;
import dev.wsmon.app.headless.UsageException;
import dev.wsmon.app.profile.ConnectionProfile;
import dev.wsmon.core.session.SessionLayer;
import dev.wsmon.app.profile.ProfileTls;
import dev.wsmon.app.profile.LoadedProfile;
import dev.wsmon.app.profile.Profile;
import dev.wsmon.app.profile.ProfileException;
import dev.wsmon.app.profile.ProfileStore;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.NetworkOptions;
import dev.wsmon.app.viewmodel.ProfileGateway;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Profiles for the desktop, in the headless {@code --profile} format ({@link ProfileStore}): the same files open in
 * both modes, mapped to connections by the same {@link PlanBuilder#profileConnections}, with the command line's
 * flags laid over them. Saving keeps what the last opened profile had that the desktop does not edit (its description and
 * defaults, each connection's tags and description) and writes each connection's settings as overrides of the
 * defaults, so a saved profile holds only what differs.
 */
final class ProfileFiles implements ProfileGateway {

    /** The profile last opened or saved; owned by the UI thread. */
    private Profile last = Profile.of(List.of());
    /** The command line: its flags are laid over every profile opened, as {@code --headless} does. */
    private final HeadlessOptions commandLine;

    ProfileFiles() {
        this(HeadlessOptions.NONE);
    }

    ProfileFiles(HeadlessOptions commandLine) {
        this.commandLine = commandLine;
    }

    @Override
    public Loaded load(Path file) throws IOException {
        LoadedProfile loaded;
        try {
            loaded = ProfileStore.load(file);
        } catch (ProfileException e) {
            throw new IOException(e.getMessage(), e);
        }
        Profile p = loaded.profile();
        List<String> warnings = new ArrayList<>(loaded.warnings());
        List<ConnectionSpec> specs = new ArrayList<>();
        try {
            List<PlannedConnection> planned = PlanBuilder.profileConnections(p, commandLine, file.toString(),
                    new HashSet<>(), warnings);
            Path folder = file.toAbsolutePath().getParent();
            for (int i = 0; i < planned.size(); i++) { // one planned connection per profile connection, in order
                specs.add(spec(planned.get(i), network(p.connections().get(i), folder)));
            }
        } catch (UsageException e) {
            throw new IOException(e.getMessage(), e);
        }
        last = p;
        return new Loaded(specs, warnings);
    }

    /** A planned connection as the desktop holds it. */
    static ConnectionSpec spec(PlannedConnection c) {
        Endpoint e = c.endpoint();
        return spec(c, new NetworkOptions("", "", "", "", "", "", e.compression()));
    }

    /** @param network the connection's network options as written, its paths made absolute */
    static ConnectionSpec spec(PlannedConnection c, NetworkOptions network) {
        Endpoint e = c.endpoint();
        Map<String, String> headers = new java.util.LinkedHashMap<>(); // the templates as written: the desktop edits and saves them
        e.headers().forEach((name, value) -> headers.put(name, value.reveal()));
        if (!network.origin().isEmpty()) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("Origin")); // the network options hold it
        }
        NetworkOptions n = new NetworkOptions(network.proxy(), network.ca(), network.clientCert(), network.clientKey(),
                network.clientCertPassword(), network.origin(), e.compression());
        return new ConnectionSpec(c.name(), e.uri().toString(), headers, e.subprotocols(), e.tls().insecure(),
                c.settings(), false, e.proxy(), n, e.tls().insecure() ? TlsOptions.VERIFY : e.tls(),
                c.session());
    }

    /** The connection's own session fields as the profile had them when unchanged, else as the dialog left them. */
    private SessionLayer sessionLayer(ConnectionSpec spec, ConnectionProfile old) {
        SessionLayer kept = old == null ? SessionLayer.NONE : old.session();
        try {
            if (SessionLayer.resolve(List.of(last.session(), kept)).equals(spec.session())) {
                return kept;
            }
        } catch (IllegalArgumentException e) {
            // the profile's fields no longer resolve: write the dialog's
        }
        return spec.session().isEmpty() && last.session().isEmpty() ? SessionLayer.NONE : SessionLayer.of(spec.session());
    }

    /** A profile connection's own proxy, TLS files (absolute) and Origin, as the dialog shows them. */
    private static NetworkOptions network(ConnectionProfile c, Path folder) {
        ProfileTls t = c.tls();
        return new NetworkOptions(c.proxy().orElse(""), t.ca().map(f -> folder.resolve(f).toString()).orElse(""),
                t.clientCert().map(f -> folder.resolve(f).toString()).orElse(""),
                t.clientKey().map(f -> folder.resolve(f).toString()).orElse(""), t.clientCertPassword().orElse(""),
                c.origin(), true);
    }

    /** A path inside the profile's folder relative to it, as a profile is best written; any other as it is. */
    private static Optional<String> written(String file, Path folder) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(file);
        return Optional.of(p.isAbsolute() && folder != null && p.startsWith(folder) ? folder.relativize(p).toString() : file);
    }

    @Override
    public void save(Path file, List<ConnectionSpec> connections) throws IOException {
        Settings base = last.defaults().applyTo(Settings.DEFAULTS);
        Path folder = file.toAbsolutePath().getParent();
        Map<String, ConnectionProfile> before = new HashMap<>();
        last.connections().forEach(c -> before.put(c.name(), c));
        List<ConnectionProfile> out = new ArrayList<>();
        for (ConnectionSpec spec : connections) {
            if (spec.demo()) {
                continue;
            }
            ConnectionProfile old = before.get(spec.name());
            NetworkOptions n = spec.network();
            boolean compressionByDefault = last.compression().orElse(true);
            Optional<Boolean> compression = n.compression() == compressionByDefault
                    && (old == null || old.compression().isEmpty()) ? Optional.empty() : Optional.of(n.compression());
            out.add(new ConnectionProfile(spec.name(), spec.url(), spec.headers(), spec.subprotocols(),
                    keepProfileWhereFlagsRule(overrides(base, spec.settings()), old), spec.insecure(),
                    old == null ? List.of() : old.tags(), old == null ? "" : old.description(),
                    n.proxy().isEmpty() ? Optional.empty() : Optional.of(n.proxy()),
                    new ProfileTls(written(n.ca(), folder), written(n.clientCert(), folder),
                            written(n.clientKey(), folder),
                            n.clientCertPassword().isEmpty() ? Optional.empty() : Optional.of(n.clientCertPassword())),
                    n.origin(), sessionLayer(spec, old), compression));
        }
        Profile next = last.withConnections(out);
        ProfileStore.save(next, file);
        last = next;
    }

    /**
     * A setting the command line gave (and still holds the flag's value) is the session's, not the profile's: the
     * profile keeps what it had for it.
     */
    private SettingsOverrides keepProfileWhereFlagsRule(SettingsOverrides edited, ConnectionProfile old) {
        SettingsOverrides flags = PlanBuilder.flags(commandLine);
        SettingsOverrides out = edited;
        for (Setting f : flags.values().keySet()) {
            if (edited.get(f).equals(flags.get(f))) {
                out = out.without(f);
                Optional<Object> before = old == null ? Optional.empty() : old.settings().get(f);
                if (before.isPresent()) {
                    out = out.with(f, before.get());
                }
            }
        }
        return out;
    }

    /** The fields of {@code s} that differ from {@code base}. */
    static SettingsOverrides overrides(Settings base, Settings s) {
        SettingsOverrides o = SettingsOverrides.NONE;
        for (Setting f : Setting.values()) {
            Object v = f.get(s);
            if (!v.equals(f.get(base))) {
                o = o.with(f, v);
            }
        }
        return o;
    }
}

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
import dev.wsmon.app.viewmodel.ProfileGateway;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
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
            for (PlannedConnection c : PlanBuilder.profileConnections(p, commandLine, file.toString(), new HashSet<>(),
                    warnings)) {
                specs.add(spec(c));
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
        Map<String, String> headers = new java.util.LinkedHashMap<>(); // the templates as written: the desktop edits and saves them
        e.headers().forEach((name, value) -> headers.put(name, value.reveal()));
        return new ConnectionSpec(c.name(), e.uri().toString(), headers, e.subprotocols(), e.tls().insecure(),
                c.settings(), false, e.proxy(), c.session());
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

    @Override
    public void save(Path file, List<ConnectionSpec> connections) throws IOException {
        Settings base = last.defaults().applyTo(Settings.DEFAULTS);
        Map<String, ConnectionProfile> before = new HashMap<>();
        last.connections().forEach(c -> before.put(c.name(), c));
        List<ConnectionProfile> out = new ArrayList<>();
        for (ConnectionSpec spec : connections) {
            if (spec.demo()) {
                continue;
            }
            ConnectionProfile old = before.get(spec.name());
            out.add(new ConnectionProfile(spec.name(), spec.url(), spec.headers(), spec.subprotocols(),
                    keepProfileWhereFlagsRule(overrides(base, spec.settings()), old), spec.insecure(),
                    old == null ? List.of() : old.tags(), old == null ? "" : old.description(),
                    old == null ? java.util.Optional.empty() : old.proxy(), // the dialog has no proxy field yet: keep it
                    old == null ? ProfileTls.NONE : old.tls(), old == null ? "" : old.origin(),
                    sessionLayer(spec, old)));
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

package dev.wsmon.app.desktop;

import dev.wsmon.app.profile.ConnectionProfile;
import dev.wsmon.app.profile.LoadedProfile;
import dev.wsmon.app.profile.Profile;
import dev.wsmon.app.profile.ProfileException;
import dev.wsmon.app.profile.ProfileStore;
import dev.wsmon.app.profile.SettingField;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.ProfileGateway;
import dev.wsmon.core.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles for the desktop, in the headless {@code --profile} format ({@link ProfileStore}): the same files open in
 * both modes. Saving keeps what the last opened profile had that the desktop does not edit (its description and
 * defaults, each connection's tags and description) and writes each connection's settings as overrides of the
 * defaults, so a saved profile holds only what differs.
 */
final class ProfileFiles implements ProfileGateway {

    /** The profile last opened or saved; owned by the UI thread. */
    private Profile last = Profile.of(List.of());

    @Override
    public Loaded load(Path file) throws IOException {
        LoadedProfile loaded;
        try {
            loaded = ProfileStore.load(file);
        } catch (ProfileException e) {
            throw new IOException(e.getMessage(), e);
        }
        Profile p = loaded.profile();
        List<ConnectionSpec> specs = new ArrayList<>();
        for (ConnectionProfile c : p.connections()) {
            Settings s;
            try {
                s = c.settings(p.defaults());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": connection '" + c.name() + "': " + e.getMessage(), e);
            }
            specs.add(new ConnectionSpec(c.name(), c.url(), c.headers(), c.subprotocols(), c.insecure(), s, false));
        }
        last = p;
        return new Loaded(specs, loaded.warnings());
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
                    overrides(base, spec.settings()), spec.insecure(),
                    old == null ? List.of() : old.tags(), old == null ? "" : old.description()));
        }
        Profile next = last.withConnections(out);
        ProfileStore.save(next, file);
        last = next;
    }

    /** The fields of {@code s} that differ from {@code base}. */
    static SettingsOverrides overrides(Settings base, Settings s) {
        SettingsOverrides o = SettingsOverrides.NONE;
        for (SettingField f : SettingField.values()) {
            Object v = f.get(s);
            if (!v.equals(f.get(base))) {
                o = o.with(f, v);
            }
        }
        return o;
    }
}

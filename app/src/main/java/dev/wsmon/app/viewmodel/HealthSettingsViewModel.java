package dev.wsmon.app.viewmodel;

import dev.wsmon.core.InvalidSettingException;
import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The connection dialog's Health section: the health thresholds of the settings table as text (each may be
 * {@code off}) and reconnect-when-stale, validated as typed with the table's own messages.
 */
public final class HealthSettingsViewModel {

    /** The thresholds the section shows, in table order. */
    public static final List<Setting> FIELDS = List.of(Setting.STALE_AFTER, Setting.DEGRADED_RTT, Setting.DEGRADED_LOSS);

    private final Map<Setting, StringProperty> text = new EnumMap<>(Setting.class);
    private final Map<Setting, ReadOnlyStringWrapper> error = new EnumMap<>(Setting.class);
    private final BooleanProperty reconnectWhenStale = new SimpleBooleanProperty(this, "reconnectWhenStale");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);

    public HealthSettingsViewModel(Settings from) {
        for (Setting f : FIELDS) {
            StringProperty p = new SimpleStringProperty(this, f.key(), f.display(f.get(from)));
            p.addListener((o, a, b) -> validate());
            text.put(f, p);
            error.put(f, new ReadOnlyStringWrapper(this, f.key() + "Error", ""));
        }
        reconnectWhenStale.set(from.reconnectWhenStale());
        validate();
    }

    private void validate() {
        boolean ok = true;
        for (Setting f : FIELDS) {
            try {
                Settings.Builder b = Settings.builder();
                f.set(b, f.parse(text.get(f).get()));
                b.build();
                error.get(f).set("");
            } catch (InvalidSettingException e) {
                error.get(f).set(capitalise(e.getMessage()));
                ok = false;
            }
        }
        valid.set(ok);
    }

    /** {@code base} with this section's values, when {@linkplain #validProperty() valid}. */
    public Optional<Settings> applyTo(Settings base) {
        validate();
        if (!valid.get()) {
            return Optional.empty();
        }
        Settings.Builder b = base.toBuilder();
        for (Setting f : FIELDS) {
            f.set(b, f.parse(text.get(f).get()));
        }
        Setting.RECONNECT_WHEN_STALE.set(b, reconnectWhenStale.get());
        return Optional.of(b.build());
    }

    /** {@code target} with the health settings of {@code from}, and nothing else of it. */
    public static Settings healthOf(Settings from, Settings target) {
        Settings.Builder b = target.toBuilder();
        for (Setting f : FIELDS) {
            f.set(b, f.get(from));
        }
        Setting.RECONNECT_WHEN_STALE.set(b, Setting.RECONNECT_WHEN_STALE.get(from));
        return b.build();
    }

    public StringProperty textProperty(Setting f) {
        return text.get(f);
    }

    public ReadOnlyStringProperty errorProperty(Setting f) {
        return error.get(f).getReadOnlyProperty();
    }

    public BooleanProperty reconnectWhenStaleProperty() {
        return reconnectWhenStale;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

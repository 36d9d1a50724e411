package dev.wsmon.app.viewmodel;

import dev.wsmon.core.InvalidSettingException;
import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

/**
 * The live tuning panel: the tunable settings of the table ({@link Setting#tunables()}) of the selected connection as
 * text, validated as they are typed with the engine's own messages (typed: each shown on the setting it names), applied to the selected connection or to all of them while they
 * run, without reconnecting. An invalid value disables Apply and changes nothing.
 */
public final class TuningViewModel {

    /** The settings the panel shows: the table's tunable ones, in its order. */
    public static final List<Setting> FIELDS = Setting.tunables();

    private final MainViewModel main;
    private final Map<Setting, StringProperty> text = new EnumMap<>(Setting.class);
    private final Map<Setting, ReadOnlyStringWrapper> error = new EnumMap<>(Setting.class);
    private final Map<Setting, ReadOnlyBooleanWrapper> changed = new EnumMap<>(Setting.class);
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError", "");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
    private final ReadOnlyBooleanWrapper canApplyAll = new ReadOnlyBooleanWrapper(this, "canApplyAll");
    private final ReadOnlyStringWrapper feedback = new ReadOnlyStringWrapper(this, "feedback", "");
    /** The settings the fields were last loaded from (the selected connection's, as the engine had them). */
    private Settings loadedFrom;
    private ConnectionViewModel target;
    private boolean loading;
    private final ChangeListener<Settings> engineSettings = (o, a, b) -> onEngineSettings(b);

    public TuningViewModel(MainViewModel main) {
        this.main = Objects.requireNonNull(main, "main");
        for (Setting f : FIELDS) {
            StringProperty p = new SimpleStringProperty(this, f.name(), "");
            p.addListener((o, a, b) -> {
                if (!loading) {
                    validate();
                }
            });
            text.put(f, p);
            error.put(f, new ReadOnlyStringWrapper(this, f.name() + "Error", ""));
            changed.put(f, new ReadOnlyBooleanWrapper(this, f.name() + "Changed"));
        }
        main.selectedProperty().addListener((o, a, b) -> select(b));
        main.connections().addListener((javafx.collections.ListChangeListener<ConnectionViewModel>) c -> validate());
        select(main.selected());
    }

    private void select(ConnectionViewModel next) {
        if (target != null) {
            target.settingsProperty().removeListener(engineSettings);
        }
        target = next;
        if (next != null) {
            next.settingsProperty().addListener(engineSettings);
            load(next.settings());
        } else {
            loadedFrom = null;
            validate();
        }
        feedback.set("");
    }

    /** The engine applied new settings: fields the operator has not edited follow them. */
    private void onEngineSettings(Settings now) {
        if (now == null || now.equals(loadedFrom)) {
            return;
        }
        Settings before = loadedFrom;
        loading = true;
        try {
            for (Setting f : FIELDS) {
                boolean untouched = before == null || text.get(f).get().equals(f.display(f.get(before)));
                if (untouched) {
                    text.get(f).set(f.display(f.get(now)));
                }
            }
            loadedFrom = now;
        } finally {
            loading = false;
        }
        validate();
    }

    private void load(Settings s) {
        loading = true;
        try {
            for (Setting f : FIELDS) {
                text.get(f).set(f.display(f.get(s)));
            }
            loadedFrom = s;
        } finally {
            loading = false;
        }
        validate();
    }

    /**
     * Checks every field against {@code base}: parse errors and the engine's validation message, shown on the field
     * it names.
     */
    private Optional<Settings> validate(Settings base) {
        for (Setting f : FIELDS) {
            error.get(f).set("");
        }
        formError.set("");
        if (base == null) {
            return Optional.empty();
        }
        Settings.Builder b = base.toBuilder();
        boolean parsed = true;
        for (Setting f : FIELDS) {
            try {
                f.set(b, f.parse(text.get(f).get()));
            } catch (InvalidSettingException e) {
                error.get(f).set(e.getMessage());
                parsed = false;
            }
        }
        if (!parsed) {
            return Optional.empty();
        }
        try {
            return Optional.of(b.build());
        } catch (InvalidSettingException e) {
            if (error.containsKey(e.setting())) {
                error.get(e.setting()).set(capitalise(e.getMessage()));
            } else {
                formError.set(capitalise(e.getMessage()));
            }
            return Optional.empty();
        }
    }

    private void validate() {
        Settings base = target == null ? null : target.settings();
        Optional<Settings> ok = validate(base);
        for (Setting f : FIELDS) {
            changed.get(f).set(loadedFrom != null && !text.get(f).get().trim().equals(f.display(f.get(loadedFrom))));
        }
        canApply.set(ok.isPresent());
        canApplyAll.set(ok.isPresent() && !main.connections().isEmpty());
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------ commands

    /**
     * Applies the fields to the selected connection, live.
     *
     * @return false, changing nothing, when a field is invalid
     */
    public boolean applyToSelected() {
        if (target == null) {
            return false;
        }
        Optional<Settings> s = validate(target.settings());
        if (s.isEmpty()) {
            feedback.set("Not applied: fix the values marked in red.");
            return false;
        }
        target.applySettings(s.get());
        feedback.set("Applied to " + target.name() + " without reconnecting; see the log and the chart's mark.");
        return true;
    }

    /**
     * Applies the six fields to every connection (each keeps its other settings).
     *
     * @return false, changing nothing, when a field is invalid for any connection
     */
    public boolean applyToAll() {
        List<ConnectionViewModel> all = List.copyOf(main.connections());
        Map<ConnectionViewModel, Settings> next = new java.util.LinkedHashMap<>();
        for (ConnectionViewModel c : all) {
            Optional<Settings> s = validate(c.settings());
            if (s.isEmpty()) {
                feedback.set("Not applied: the values are invalid for " + c.name() + ".");
                validate();
                return false;
            }
            next.put(c, s.get());
        }
        validate();
        next.forEach(ConnectionViewModel::applySettings);
        feedback.set("Applied to all " + all.size() + " connections without reconnecting.");
        return !all.isEmpty();
    }

    /** Puts the selected connection back on its profile values, live, and shows them. */
    public void revertToProfile() {
        if (target == null) {
            return;
        }
        Settings profile = target.spec().settings();
        load(profile);
        target.applySettings(profile);
        feedback.set("Reverted " + target.name() + " to its profile values.");
    }

    /** Shows the selected connection's current values again, dropping edits. */
    public void discardEdits() {
        if (target != null) {
            load(target.settings());
            feedback.set("");
        }
    }

    // ------------------------------------------------------------------ properties

    public StringProperty textProperty(Setting f) {
        return text.get(f);
    }

    /** The message for a bad value of {@code f} (the engine's words), or empty. */
    public ReadOnlyStringProperty errorProperty(Setting f) {
        return error.get(f).getReadOnlyProperty();
    }

    /** Whether {@code f} differs from what the engine runs. */
    public ReadOnlyBooleanProperty changedProperty(Setting f) {
        return changed.get(f).getReadOnlyProperty();
    }

    /** A problem not about one field, or empty. */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyAllProperty() {
        return canApplyAll.getReadOnlyProperty();
    }

    /** What the last command did. */
    public ReadOnlyStringProperty feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    /** What changed between two settings, for the log and the chart's marks: {@code ping interval 1 s → 2 s}. */
    public static String describeChange(Settings previous, Settings next) {
        StringBuilder sb = new StringBuilder();
        for (Setting f : FIELDS) {
            Object a = f.get(previous);
            Object b = f.get(next);
            if (!a.equals(b)) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(f.words()).append(' ').append(shown(a)).append(" → ").append(shown(b));
            }
        }
        if (sb.length() == 0 && !previous.equals(next)) {
            return "other settings changed";
        }
        return sb.toString();
    }

    private static String shown(Object value) {
        return value instanceof Duration d ? Formats.duration(d) : String.valueOf(value);
    }
}

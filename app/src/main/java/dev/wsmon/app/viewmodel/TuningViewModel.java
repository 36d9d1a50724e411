package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Durations;
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
 * The live tuning panel: the six keepalive and timeout settings of the selected connection as text, validated as
 * they are typed with the engine's own messages, applied to the selected connection or to all of them while they
 * run, without reconnecting. An invalid value disables Apply and changes nothing.
 */
public final class TuningViewModel {

    private final MainViewModel main;
    private final Map<TuningField, StringProperty> text = new EnumMap<>(TuningField.class);
    private final Map<TuningField, ReadOnlyStringWrapper> error = new EnumMap<>(TuningField.class);
    private final Map<TuningField, ReadOnlyBooleanWrapper> changed = new EnumMap<>(TuningField.class);
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
        for (TuningField f : TuningField.values()) {
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
            for (TuningField f : TuningField.values()) {
                boolean untouched = before == null || text.get(f).get().equals(Durations.toSyntax(f.get(before)));
                if (untouched) {
                    text.get(f).set(Durations.toSyntax(f.get(now)));
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
            for (TuningField f : TuningField.values()) {
                text.get(f).set(Durations.toSyntax(f.get(s)));
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
        for (TuningField f : TuningField.values()) {
            error.get(f).set("");
        }
        formError.set("");
        if (base == null) {
            return Optional.empty();
        }
        Settings.Builder b = base.toBuilder();
        boolean parsed = true;
        for (TuningField f : TuningField.values()) {
            try {
                f.set(b, Durations.parse(text.get(f).get()));
            } catch (IllegalArgumentException e) {
                error.get(f).set(e.getMessage());
                parsed = false;
            }
        }
        if (!parsed) {
            return Optional.empty();
        }
        try {
            return Optional.of(b.build());
        } catch (IllegalArgumentException e) {
            Optional<TuningField> field = TuningField.blamedBy(e.getMessage());
            if (field.isPresent()) {
                error.get(field.get()).set(capitalise(e.getMessage()));
            } else {
                formError.set(capitalise(e.getMessage()));
            }
            return Optional.empty();
        }
    }

    private void validate() {
        Settings base = target == null ? null : target.settings();
        Optional<Settings> ok = validate(base);
        for (TuningField f : TuningField.values()) {
            changed.get(f).set(loadedFrom != null && !text.get(f).get().trim().equals(Durations.toSyntax(f.get(loadedFrom))));
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

    public StringProperty textProperty(TuningField f) {
        return text.get(f);
    }

    /** The message for a bad value of {@code f} (the engine's words), or empty. */
    public ReadOnlyStringProperty errorProperty(TuningField f) {
        return error.get(f).getReadOnlyProperty();
    }

    /** Whether {@code f} differs from what the engine runs. */
    public ReadOnlyBooleanProperty changedProperty(TuningField f) {
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

    /** The value the engine runs for {@code f}, for a hint next to the field. */
    public Optional<Duration> running(TuningField f) {
        return target == null ? Optional.empty() : Optional.of(f.get(target.settings()));
    }
}

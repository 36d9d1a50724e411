package dev.wsmon.app.viewmodel;

import dev.wsmon.core.session.Heartbeat;
import dev.wsmon.core.session.Responder;
import dev.wsmon.core.session.SessionConfig;
import dev.wsmon.core.session.SessionPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Session" part of the connection dialog: on-open messages (one per line), responders (one
 * {@code REGEX=>REPLY} per line), the heartbeat and its expected reply, and a preset that fills them in. Validated as
 * typed with the engine's messages. Heartbeat interval and timeout are settings (the tuning panel).
 */
public final class SessionEditorViewModel {

    private final ObjectProperty<SessionPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final StringProperty onOpen = new SimpleStringProperty(this, "onOpen", "");
    private final StringProperty responders = new SimpleStringProperty(this, "responders", "");
    private final StringProperty heartbeat = new SimpleStringProperty(this, "heartbeat", "");
    private final StringProperty heartbeatExpect = new SimpleStringProperty(this, "heartbeatExpect", "");
    private final ReadOnlyStringWrapper respondersError = new ReadOnlyStringWrapper(this, "respondersError", "");
    private final ReadOnlyStringWrapper heartbeatError = new ReadOnlyStringWrapper(this, "heartbeatError", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private boolean filling;

    public SessionEditorViewModel() {
        for (var p : List.of(onOpen, responders, heartbeat, heartbeatExpect)) {
            p.addListener((o, a, b) -> validate());
        }
        preset.addListener((o, a, b) -> {
            if (b != null && !filling) {
                fill(b.config()); // choosing a preset fills the fields in; they stay editable
            }
        });
        validate();
    }

    /** Shows {@code config} in the fields. */
    public void load(SessionConfig config) {
        filling = true;
        try {
            preset.set(config.preset().orElse(null));
        } finally {
            filling = false;
        }
        fill(config);
    }

    private void fill(SessionConfig config) {
        onOpen.set(String.join("\n", config.onOpen()));
        responders.set(String.join("\n", config.responders().stream().map(Responder::toString).toList()));
        heartbeat.set(config.heartbeat().map(Heartbeat::text).orElse(""));
        heartbeatExpect.set(config.heartbeat().flatMap(Heartbeat::expect).orElse(""));
    }

    private void validate() {
        respondersError.set("");
        heartbeatError.set("");
        parseResponders();
        parseHeartbeat();
        valid.set(respondersError.get().isEmpty() && heartbeatError.get().isEmpty());
    }

    private List<String> lines(StringProperty p) {
        List<String> out = new ArrayList<>();
        for (String line : (p.get() == null ? "" : p.get()).split("\\R")) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    private List<Responder> parseResponders() {
        List<Responder> out = new ArrayList<>();
        List<String> lines = lines(responders);
        for (int i = 0; i < lines.size(); i++) {
            try {
                out.add(Responder.parse("Responder " + (i + 1), lines.get(i).strip()));
            } catch (IllegalArgumentException e) {
                respondersError.set(e.getMessage() + ".");
                return List.of();
            }
        }
        return out;
    }

    private Optional<Heartbeat> parseHeartbeat() {
        String text = heartbeat.get() == null ? "" : heartbeat.get().strip();
        String expect = heartbeatExpect.get() == null ? "" : heartbeatExpect.get().strip();
        if (text.isEmpty()) {
            if (!expect.isEmpty()) {
                heartbeatError.set("An expected reply needs a heartbeat to send: fill in the heartbeat too.");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(new Heartbeat(text, expect.isEmpty() ? Optional.empty() : Optional.of(expect)));
        } catch (IllegalArgumentException e) {
            heartbeatError.set(Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1) + ".");
            return Optional.empty();
        }
    }

    /** The session as entered, when valid; it keeps the preset it started from. */
    public Optional<SessionConfig> result() {
        validate();
        if (!valid.get()) {
            return Optional.empty();
        }
        List<String> messages = lines(onOpen).stream().map(String::strip).toList();
        return Optional.of(new SessionConfig(Optional.ofNullable(preset.get()), messages, parseResponders(),
                parseHeartbeat()));
    }

    /** The chosen preset; null for none. */
    public ObjectProperty<SessionPreset> presetProperty() {
        return preset;
    }

    public StringProperty onOpenProperty() {
        return onOpen;
    }

    public StringProperty respondersProperty() {
        return responders;
    }

    public StringProperty heartbeatProperty() {
        return heartbeat;
    }

    public StringProperty heartbeatExpectProperty() {
        return heartbeatExpect;
    }

    public ReadOnlyStringProperty respondersErrorProperty() {
        return respondersError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty heartbeatErrorProperty() {
        return heartbeatError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
